package dev.protostar.cli;

import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import dev.protostar.cli.demo.Prerequisites;
import dev.protostar.core.docker.Docker;
import dev.protostar.core.docker.Exec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * nginx as the users run it: a container on the same engine as the colors, on a user-defined
 * network. No registry is reachable here, so its image is built in test setup FROM scratch out of
 * this machine's Debian nginx binary and the libraries it links (plus static busybox for the
 * wget, mv, rm and cat the router runs inside it), and published on a 127.0.0.1 port.
 */
public final class NginxContainer implements AutoCloseable {
    public static final String IMAGE = "protostar-test-nginx:3";
    private static final Duration QUICK = Duration.ofSeconds(60);

    public final String name;
    public final String network;
    public final int port;
    /** The host port for the container's port 8081, for an app that has its own listen port. */
    public final int appPort;
    private final Docker docker;

    private static final String CONF = """
            worker_processes 2;
            pid /tmp/nginx.pid;
            error_log stderr warn;
            events { worker_connections 512; }
            http {
                access_log off;
                client_body_temp_path /tmp/body;
                proxy_temp_path /tmp/proxy;
                fastcgi_temp_path /tmp/fastcgi;
                uwsgi_temp_path /tmp/uwsgi;
                scgi_temp_path /tmp/scgi;
                server { listen 80 default_server; return 404; }
                include /etc/nginx/conf.d/*.conf;
            }
            """;

    public NginxContainer(Docker docker, String name, String network, int hostPort) {
        this(docker, name, network, bridgeName(network), hostPort);
    }

    /** @param bridge the Linux bridge's name: engines on one machine need different ones for networks of the same name */
    NginxContainer(Docker docker, String name, String network, String bridge, int hostPort) {
        this(docker, name, network, bridge, hostPort, UnaryOperator.identity());
    }

    /** @param more changes to the container's host config, e.g. a volume mounted on /etc/nginx/conf.d */
    public NginxContainer(Docker docker, String name, String network, int hostPort, UnaryOperator<HostConfig> more) {
        this(docker, name, network, bridgeName(network), hostPort, more);
    }

    private NginxContainer(Docker docker, String name, String network, String bridge, int hostPort, UnaryOperator<HostConfig> more) {
        this.docker = docker;
        this.name = name;
        this.network = network;
        this.port = hostPort;
        this.appPort = freePort();
        ensureImage(docker);
        createNetwork(docker, network, bridge);
        ExposedPort http = ExposedPort.tcp(80);
        ExposedPort app = ExposedPort.tcp(8081);
        docker.run("start nginx " + name, QUICK, () -> {
            String id = docker.client().createContainerCmd(IMAGE)
                    .withName(name)
                    .withLabels(Map.of("dev.protostar.test", "nginx"))
                    .withExposedPorts(http, app)
                    .withHostConfig(more.apply(HostConfig.newHostConfig()
                            .withNetworkMode(network)
                            .withPortBindings(new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", hostPort), http),
                                    new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", appPort), app))))
                    .exec().getId();
            docker.client().startContainerCmd(id).exec();
        });
    }

    /**
     * The sample app's spec behind this nginx.
     *
     * @param router the router's listen (and serverName) lines, the second one indented by two spaces
     * @param extra more top-level blocks
     */
    public String spec(String app, String router, String extra) {
        return """
                app: %s
                port: 8080
                network: %s
                health:
                  path: /health
                  interval: 100ms
                  successes: 3
                  deadline: 30s
                router:
                  kind: nginx-container
                  container: %s
                  %s
                %s""".formatted(app, network, name, router, extra);
    }

    private static int freePort() {
        try {
            return Fixture.freePort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a command inside the nginx container, as an operator would with docker exec. */
    public Exec.Result exec(String... command) {
        return Exec.run(docker, name, List.of(command), Duration.ofSeconds(30));
    }

    public static void createNetwork(Docker docker, String network, String bridge) {
        docker.run("create network " + network, QUICK, () -> {
            try {
                docker.client().createNetworkCmd().withName(network).withLabels(Map.of("dev.protostar.test", "net"))
                        .withOptions(Map.of("com.docker.network.bridge.name", bridge)).exec();
            } catch (ConflictException exists) {
                // shared by several tests
            }
        });
    }

    /** The Linux bridge of the network, named so a test can find it (at most 15 characters). */
    public static String bridgeName(String network) {
        return "pdn" + Integer.toHexString(network.hashCode());
    }

    public static void removeNetwork(Docker docker, String network) {
        docker.run("remove network " + network, QUICK, () -> {
            try {
                docker.client().removeNetworkCmd(network).exec();
            } catch (NotFoundException gone) {
                // fine
            }
        });
    }

    @Override
    public void close() {
        docker.run("remove nginx " + name, QUICK, () -> {
            try {
                docker.client().removeContainerCmd(name).withForce(true).exec();
            } catch (NotFoundException gone) {
                // fine
            }
        });
    }

    static synchronized void ensureImage(Docker docker) {
        boolean present = docker.call("inspect " + IMAGE, QUICK, () -> {
            try {
                docker.client().inspectImageCmd(IMAGE).exec();
                return true;
            } catch (NotFoundException e) {
                return false;
            }
        });
        if (present) {
            return;
        }
        byte[] context;
        try {
            context = context();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot assemble the nginx image from this machine's nginx: " + e.getMessage(), e);
        }
        docker.run("build " + IMAGE, Duration.ofMinutes(3), () -> docker.client().buildImageCmd(new ByteArrayInputStream(context))
                .withTags(Set.of(IMAGE))
                .exec(new BuildImageResultCallback())
                .awaitImageId(3, TimeUnit.MINUTES));
    }

    private static byte[] context() throws IOException, InterruptedException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, String> links = new LinkedHashMap<>();
        Path nginx = Path.of("/usr/sbin/nginx");
        files.put("rootfs/usr/sbin/nginx", Files.readAllBytes(nginx));
        for (String lib : linkedLibraries(nginx)) {
            files.put("rootfs" + lib, Files.readAllBytes(Path.of(lib).toRealPath()));
        }
        files.put("rootfs/bin/busybox", Files.readAllBytes(Prerequisites.staticBusybox()));
        for (String applet : List.of("sh", "wget", "mv", "rm", "cat", "ls", "sleep", "timeout")) {
            links.put("rootfs/bin/" + applet, "busybox");
        }
        files.put("rootfs/etc/nginx/nginx.conf", CONF.getBytes(StandardCharsets.UTF_8));
        files.put("Dockerfile", """
                FROM scratch
                COPY rootfs/ /
                USER 65534:65534
                STOPSIGNAL SIGQUIT
                CMD ["/usr/sbin/nginx", "-g", "daemon off;"]
                """.getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            // nginx runs as an unprivileged user (Docker lets containers bind port 80 without root), which also
            // spares static busybox the user database: its static glibc crashes on /etc/passwd lookups here.
            // The router's mv runs as that user, so the include directory is writable for it.
            for (Map.Entry<String, Integer> d : Map.of("rootfs/tmp/", 01777, "rootfs/etc/nginx/conf.d/", 0777).entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry(d.getKey());
                e.setMode(d.getValue() | 040000);
                tar.putArchiveEntry(e);
                tar.closeArchiveEntry();
            }
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry(f.getKey());
                e.setSize(f.getValue().length);
                e.setMode(f.getKey().contains("/bin/") || f.getKey().contains("/sbin/") || f.getKey().contains(".so") ? 0755 : 0644);
                tar.putArchiveEntry(e);
                tar.write(f.getValue());
                tar.closeArchiveEntry();
            }
            for (Map.Entry<String, String> l : links.entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry(l.getKey(), TarArchiveEntry.LF_SYMLINK);
                e.setLinkName(l.getValue());
                tar.putArchiveEntry(e);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** The absolute paths ldd names (libraries and the loader), as the binary looks them up. */
    private static List<String> linkedLibraries(Path binary) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ldd", binary.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ldd " + binary + " failed: " + out);
        }
        List<String> libs = new ArrayList<>();
        for (String line : out.split("\n")) {
            String t = line.strip();
            int arrow = t.indexOf("=> ");
            String path = arrow >= 0 ? t.substring(arrow + 3) : t;
            path = path.replaceAll(" \\(0x[0-9a-f]+\\)$", "").strip();
            if (path.startsWith("/")) {
                libs.add(path);
            }
        }
        return libs;
    }
}
