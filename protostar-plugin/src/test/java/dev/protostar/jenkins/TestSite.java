package dev.protostar.jenkins;

import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import dev.protostar.core.docker.Docker;
import dev.protostar.core.docker.Labels;
import dev.protostar.core.http.HttpProbe;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A real app behind a real nginx for the Pipeline tests: busybox httpd in an image built
 * {@code FROM scratch} (no registry), its source and {@code protostar.yml} in a directory the
 * Pipeline uses as its workspace, and an nginx of its own on a free 127.0.0.1 port.
 */
final class TestSite implements AutoCloseable {
    static final String DOCKER = "unix:///var/run/docker.sock";

    private final Path dir;
    private final Path nginx;
    private final String app;
    private final int port;

    private TestSite(Path dir, String app, int port) {
        this.dir = dir;
        this.nginx = dir.resolve(".nginx");
        this.app = app;
        this.port = port;
    }

    /** Why the site cannot be set up here (no nginx, no static busybox, no Docker), or null. */
    static String unavailable() {
        if (nginxBinary() == null) {
            return "no nginx binary";
        }
        if (busybox() == null) {
            return "no statically linked busybox";
        }
        try (Docker docker = Docker.connect(DOCKER)) {
            docker.ping();
            return null;
        } catch (RuntimeException e) {
            return "no Docker engine at " + DOCKER + ": " + e.getMessage();
        }
    }

    /** @param healthPath the path the spec's health gate probes; one the app does not serve makes the gate fail */
    static TestSite create(Path dir, String healthPath) throws IOException {
        String app = "pj" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30, 1L << 31), 36);
        TestSite site = new TestSite(dir, app, freePort());
        site.writeApp("v1");
        site.writeSpec(healthPath);
        site.startNginx();
        return site;
    }

    Path dir() {
        return dir;
    }

    String app() {
        return app;
    }

    /** What nginx answers for the app right now, e.g. "200 v2". */
    String answer() throws IOException {
        HttpProbe.Response r = HttpProbe.get("http://127.0.0.1:" + port, "/", null, Duration.ofSeconds(5));
        return r.status() + " " + r.body().strip();
    }

    void setVersion(String version) throws IOException {
        Files.writeString(dir.resolve("www/index.html"), version + "\n", StandardCharsets.UTF_8);
    }

    void writeSpec(String healthPath) throws IOException {
        Files.writeString(dir.resolve("protostar.yml"), """
                app: %s
                port: 8080
                health:
                  path: %s
                  interval: 100ms
                  successes: 2
                  deadline: 20s
                router:
                  includeDir: %s
                  listen: 127.0.0.1:%d
                  test: %s
                  reload: %s
                retire:
                  drain: 1s
                """.formatted(app, healthPath, nginx.resolve("conf.d"), port, flow(nginxCommand("-t", "-q")),
                flow(nginxCommand("-s", "reload"))), StandardCharsets.UTF_8);
    }

    boolean containerExists(String color) {
        return containers().stream().anyMatch(c -> c.getNames()[0].equals("/" + app + "-" + color));
    }

    private List<Container> containers() {
        try (Docker docker = Docker.connect(DOCKER)) {
            return docker.call("list", Duration.ofSeconds(30), () -> docker.client().listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(Labels.APP, app)).exec());
        }
    }

    private void writeApp(String version) throws IOException {
        Files.createDirectories(dir.resolve("www"));
        Files.writeString(dir.resolve("Dockerfile"), """
                FROM scratch
                COPY busybox /bin/busybox
                COPY www /www
                EXPOSE 8080
                CMD ["/bin/busybox", "httpd", "-f", "-p", "8080", "-h", "/www"]
                """, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(".dockerignore"), ".nginx\n", StandardCharsets.UTF_8); // the step writes no spec here
        Files.copy(busybox(), dir.resolve("busybox"));
        Files.setPosixFilePermissions(dir.resolve("busybox"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("www/health"), "ok\n", StandardCharsets.UTF_8);
        setVersion(version);
    }

    private void startNginx() throws IOException {
        for (String d : List.of("conf", "conf.d", "logs", "tmp")) {
            Files.createDirectories(nginx.resolve(d));
        }
        Files.writeString(nginx.resolve("conf/nginx.conf"), """
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log notice;
                events { worker_connections 256; }
                http {
                    access_log %1$s/logs/access.log;
                    client_body_temp_path %1$s/tmp/body;
                    proxy_temp_path %1$s/tmp/proxy;
                    fastcgi_temp_path %1$s/tmp/fastcgi;
                    uwsgi_temp_path %1$s/tmp/uwsgi;
                    scgi_temp_path %1$s/tmp/scgi;
                    include %1$s/conf.d/*.conf;
                    server { listen 127.0.0.1:%2$d; return 404; }
                }
                """.formatted(nginx, port), StandardCharsets.UTF_8);
        run(nginxCommand());
    }

    @Override
    public void close() throws Exception {
        try (Docker docker = Docker.connect(DOCKER)) {
            for (Container c : containers()) {
                docker.run("remove", Duration.ofSeconds(30), () -> docker.client().removeContainerCmd(c.getId()).withForce(true).exec());
            }
            List<Image> images = docker.call("images", Duration.ofSeconds(30), () -> docker.client().listImagesCmd()
                    .withLabelFilter(Map.of(Labels.APP, app)).exec());
            for (Image i : images) {
                docker.run("remove image", Duration.ofSeconds(30), () -> docker.client().removeImageCmd(i.getId()).withForce(true).exec());
            }
            dev.protostar.core.state.History.erase(docker, app);
        } finally {
            run(nginxCommand("-s", "quit"));
        }
    }

    private List<String> nginxCommand(String... extra) {
        List<String> argv = new ArrayList<>(List.of(nginxBinary(), "-p", nginx + "/", "-c", "conf/nginx.conf", "-e", "logs/error.log"));
        argv.addAll(List.of(extra));
        return argv;
    }

    private static String flow(List<String> argv) {
        return "[" + String.join(", ", argv) + "]";
    }

    private static void run(List<String> argv) throws IOException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", argv) + " failed: "
                        + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String nginxBinary() {
        for (String d : List.of("/usr/sbin", "/usr/local/sbin", "/usr/bin", "/sbin")) {
            if (Files.isExecutable(Path.of(d, "nginx"))) {
                return d + "/nginx";
            }
        }
        return null;
    }

    private static Path busybox() {
        for (String p : List.of("/bin/busybox", "/usr/bin/busybox", "/usr/lib/busybox-static/busybox")) {
            Path path = Path.of(p);
            try {
                if (Files.isRegularFile(path)) {
                    byte[] head = Files.readAllBytes(path);
                    // A dynamically linked ELF names its loader near the start.
                    if (!new String(head, 0, Math.min(head.length, 4096), StandardCharsets.ISO_8859_1).contains("/ld-")) {
                        return path;
                    }
                }
            } catch (IOException ignored) {
                // try the next one
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
