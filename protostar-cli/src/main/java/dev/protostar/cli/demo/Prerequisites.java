package dev.protostar.cli.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the demo needs on this machine, each missing piece with the line that installs it. */
public final class Prerequisites {
    private static final List<Path> BUSYBOX = List.of(Path.of("/bin/busybox"), Path.of("/usr/bin/busybox"));

    private Prerequisites() {}

    /** Returns the problems found, empty when all is there. */
    public static List<String> check(String dockerHost) {
        List<String> missing = new ArrayList<>();
        if (LocalNginx.binary() == null) {
            missing.add("nginx is not installed. On Debian/Ubuntu: sudo apt-get install nginx");
        }
        try {
            staticBusybox();
        } catch (IOException e) {
            missing.add(e.getMessage());
        }
        try (var docker = dev.protostar.core.docker.Docker.connect(dockerHost)) {
            docker.ping();
        } catch (RuntimeException e) {
            missing.add("no Docker engine answers at " + dockerHost + " (" + e.getMessage() + ")."
                    + (dockerHost.equals("unix:///var/run/docker.sock") ? " On Debian/Ubuntu: sudo apt-get install docker.io "
                    + "&& sudo systemctl start docker (or run: sudo dockerd &)" : ""));
        }
        return missing;
    }

    /** A statically linked busybox, which runs in an image built FROM scratch. */
    public static Path staticBusybox() throws IOException {
        for (Path p : BUSYBOX) {
            if (Files.isRegularFile(p) && isStatic(p)) {
                return p;
            }
        }
        throw new IOException("no statically linked busybox found. On Debian/Ubuntu: sudo apt-get install busybox-static");
    }

    private static boolean isStatic(Path binary) throws IOException {
        // A dynamically linked ELF names its loader (e.g. /lib64/ld-linux-x86-64.so.2) near the start.
        byte[] head = new byte[4096];
        try (var in = Files.newInputStream(binary)) {
            int n = in.readNBytes(head, 0, head.length);
            return !new String(head, 0, n, StandardCharsets.ISO_8859_1).contains("/ld-");
        }
    }
}
