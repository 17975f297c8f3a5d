package dev.protostar.bench;

import dev.protostar.cli.demo.LocalNginx;
import dev.protostar.cli.demo.Prerequisites;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * nginx in a container ({@code router.kind: nginx-container}), as users run it: on a network of its own that the
 * colors join, changed by the engine through the Docker API alone. No registry is reachable, so its image is built
 * {@code FROM scratch} out of this machine's nginx binary, the libraries it links and a static busybox (the router's
 * wget, mv and cat), and never pulled. Each app gets a port inside the container (8081, 8082, …), published on
 * 127.0.0.1. Image, container and network carry the run's label; {@link #close()} removes them.
 */
final class ContainerNginx implements BenchNginx {
    static final int FIRST_PORT = 8081;
    static final int PORTS = 24;

    private final String name;
    private final String network;
    private final String image;
    private final String label;
    private final List<Integer> published = new ArrayList<>();
    private int next;

    ContainerNginx(String run, String label) {
        this.name = "protostar-bench-nginx-" + run;
        this.network = "protostar-bench-" + run;
        this.image = "protostar-bench-nginx:" + run;
        this.label = label;
    }

    private static final String CONF = """
            # The benchmark's nginx in a container: as the host's (LocalNginx), but inside.
            worker_processes 2;
            worker_shutdown_timeout 30s;
            pid /tmp/nginx.pid;
            error_log stderr notice;
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path /tmp/body;
                proxy_temp_path /tmp/proxy;
                fastcgi_temp_path /tmp/fastcgi;
                uwsgi_temp_path /tmp/uwsgi;
                scgi_temp_path /tmp/scgi;
                keepalive_timeout 65s;
                include /etc/nginx/conf.d/*.conf;
            }
            """;

    /** Builds the image, creates the network and starts the container, its app ports published on 127.0.0.1. */
    void start(Path work) throws IOException, InterruptedException {
        String binary = LocalNginx.binary();
        if (binary == null) {
            throw new IOException("no nginx binary on this machine to build the nginx image from");
        }
        Path context = Files.createDirectories(work.resolve("nginx-image"));
        Path root = Files.createDirectories(context.resolve("rootfs"));
        copy(Path.of(binary), root.resolve("usr/sbin/nginx"), "rwxr-xr-x");
        for (String lib : linkedLibraries(binary)) {
            copy(Path.of(lib).toRealPath(), root.resolve(lib.substring(1)), "rwxr-xr-x");
        }
        copy(Prerequisites.staticBusybox(), root.resolve("bin/busybox"), "rwxr-xr-x");
        for (String applet : List.of("sh", "wget", "mv", "rm", "cat", "ls", "sleep", "timeout")) {
            Files.createSymbolicLink(root.resolve("bin/" + applet), Path.of("busybox"));
        }
        Files.createDirectories(root.resolve("etc/nginx/conf.d"));
        Files.writeString(root.resolve("etc/nginx/nginx.conf"), CONF);
        Files.createDirectories(root.resolve("tmp"));
        // nginx runs as nobody (Docker lets it bind any port), and the router's mv runs as that user too
        Files.setPosixFilePermissions(root.resolve("etc/nginx/conf.d"), PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(root.resolve("tmp"), PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.writeString(context.resolve("Dockerfile"), """
                FROM scratch
                COPY rootfs/ /
                USER 65534:65534
                STOPSIGNAL SIGQUIT
                CMD ["/usr/sbin/nginx", "-g", "daemon off;"]
                """);
        docker("build", "-q", "--label", label, "-t", image, context.toString());
        docker("network", "create", "--label", label, network);
        List<String> run = new ArrayList<>(List.of("run", "-d", "--name", name, "--label", label, "--network", network));
        for (int i = 0; i < PORTS; i++) {
            int port = Bench.freePort();
            published.add(port);
            run.addAll(List.of("-p", "127.0.0.1:" + port + ":" + (FIRST_PORT + i)));
        }
        run.add(image);
        docker(run.toArray(String[]::new));
    }

    @Override
    public Route route(String app, String extra) {
        if (next >= PORTS) {
            throw new IllegalStateException("the nginx container publishes " + PORTS + " app ports; all are taken");
        }
        int i = next++;
        String spec = """
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
                  listen: %d
                %s""".formatted(app, network, name, FIRST_PORT + i, extra == null ? "" : extra);
        return new Route("http://127.0.0.1:" + published.get(i), spec);
    }

    @Override
    public List<String> reloadCommand() {
        return List.of("docker", "exec", name, "/usr/sbin/nginx", "-s", "reload");
    }

    @Override
    public String describe() {
        return "nginx in the container " + name + " (image " + image + ", network " + network + ")";
    }

    /** Removes the container and the image (by name; Bench also removes whatever carries the run's label). */
    @Override
    public void close() {
        quietly(List.of(List.of("rm", "-f", name), List.of("rmi", "-f", image)));
    }

    /** Removes the network, once the apps' containers on it are gone too. */
    void removeNetwork() {
        quietly(List.of(List.of("network", "rm", network)));
    }

    private static void quietly(List<List<String>> commands) {
        for (List<String> c : commands) {
            try {
                docker(c.toArray(String[]::new));
            } catch (IOException | InterruptedException e) {
                System.out.println("clean-up of the nginx container: " + e.getMessage());
            }
        }
    }

    private static void copy(Path from, Path to, String mode) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString(mode));
    }

    private static String docker(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(3, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " failed: " + out.strip());
        }
        return out;
    }

    /** The absolute paths ldd names for the binary (its libraries and the loader). */
    private static List<String> linkedLibraries(String binary) throws IOException, InterruptedException {
        List<String> libs = new ArrayList<>();
        for (String line : run(List.of("ldd", binary)).split("\n")) {
            String t = line.strip();
            int arrow = t.indexOf("=> ");
            String path = (arrow >= 0 ? t.substring(arrow + 3) : t).replaceAll(" \\(0x[0-9a-f]+\\)$", "").strip();
            if (path.startsWith("/")) {
                libs.add(path);
            }
        }
        return libs;
    }
}
