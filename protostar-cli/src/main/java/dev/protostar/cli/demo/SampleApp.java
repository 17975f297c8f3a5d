package dev.protostar.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The demo's app repository: a busybox httpd built FROM scratch, so no image registry is needed.
 * Its {@code VERSION} file is what a developer would change between deploys.
 */
public final class SampleApp {
    private static final String BASE = "/dev/protostar/cli/demo/app/";
    private static final List<String> FILES = List.of("Dockerfile", "start.sh", "www/cgi-bin/slow", "www/cgi-bin/status");

    private SampleApp() {}

    /** Writes the app's source into {@code dir} (creating it) with the given version. */
    public static void write(Path dir, String version) throws IOException {
        Files.createDirectories(dir.resolve("www/cgi-bin"));
        for (String f : FILES) {
            try (InputStream in = SampleApp.class.getResourceAsStream(BASE + f)) {
                if (in == null) {
                    throw new IOException("missing demo resource " + f);
                }
                Files.copy(in, dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.setPosixFilePermissions(dir.resolve("start.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir.resolve("www/cgi-bin/slow"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir.resolve("www/cgi-bin/status"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.copy(Prerequisites.staticBusybox(), dir.resolve("busybox"), StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(dir.resolve("busybox"), PosixFilePermissions.fromString("rwxr-xr-x"));
        setVersion(dir, version);
    }

    public static void setVersion(Path dir, String version) throws IOException {
        Files.writeString(dir.resolve("VERSION"), version + "\n", StandardCharsets.UTF_8);
    }

    /** A spec for the sample app behind {@code nginx}, on its port; {@code extra} adds top-level blocks. */
    public static String spec(String app, LocalNginx nginx, String extra) {
        return """
                app: %s
                port: 8080
                health:
                  path: /health
                  interval: 100ms
                  successes: 3
                  deadline: 30s
                router:
                  includeDir: %s
                  listen: 127.0.0.1:%d
                  test: %s
                  reload: %s
                %s""".formatted(app, nginx.includeDir(), nginx.port(), flow(nginx.testCommand()), flow(nginx.reloadCommand()),
                extra == null ? "" : extra);
    }

    private static String flow(List<String> argv) {
        return "[" + String.join(", ", argv) + "]";
    }
}
