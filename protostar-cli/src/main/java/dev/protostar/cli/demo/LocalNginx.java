package dev.protostar.cli.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An nginx of our own, with its own prefix directory and an include directory for app routes,
 * listening only where the included app configs say (127.0.0.1). Started as a daemon; stopped by
 * the PID in its own pid file, never by name.
 */
public final class LocalNginx {
    private final Path prefix;
    private final int port;

    /** @param port held on 127.0.0.1 from the start (answering 404 until an app's include takes it), so nothing else can take it */
    public LocalNginx(Path prefix, int port) {
        this.prefix = prefix.toAbsolutePath().normalize();
        this.port = port;
    }

    public int port() {
        return port;
    }

    public Path prefix() {
        return prefix;
    }

    public Path includeDir() {
        return prefix.resolve("conf.d");
    }

    public static String binary() {
        for (String dir : List.of("/usr/sbin", "/usr/local/sbin", "/usr/bin", "/sbin")) {
            if (Files.isExecutable(Path.of(dir, "nginx"))) {
                return dir + "/nginx";
            }
        }
        return null;
    }

    private List<String> base() {
        String bin = binary();
        return new ArrayList<>(List.of(bin == null ? "nginx" : bin, "-p", prefix + "/", "-c", "conf/nginx.conf", "-e", "logs/error.log"));
    }

    public List<String> testCommand() {
        List<String> c = base();
        c.add("-t");
        c.add("-q");
        return c;
    }

    public List<String> reloadCommand() {
        List<String> c = base();
        c.addAll(List.of("-s", "reload"));
        return c;
    }

    /** Writes the config (if absent) and starts nginx unless it already runs from this prefix. */
    public void start() throws IOException {
        if (pid().isPresent()) {
            return;
        }
        for (String d : List.of("conf", "conf.d", "logs", "tmp")) {
            Files.createDirectories(prefix.resolve(d));
        }
        Files.writeString(prefix.resolve("conf/nginx.conf"), config(), StandardCharsets.UTF_8);
        run(base(), "start nginx");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (pid().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("nginx did not write its pid file; see " + prefix.resolve("logs/error.log"));
            }
            sleep(20);
        }
    }

    private String config() {
        return """
                # Written by protostar for a local nginx with its own prefix.
                worker_processes 2;
                worker_shutdown_timeout 30s;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log notice;
                events { worker_connections 1024; }
                http {
                    access_log %1$s/logs/access.log;
                    client_body_temp_path %1$s/tmp/body;
                    proxy_temp_path %1$s/tmp/proxy;
                    fastcgi_temp_path %1$s/tmp/fastcgi;
                    uwsgi_temp_path %1$s/tmp/uwsgi;
                    scgi_temp_path %1$s/tmp/scgi;
                    keepalive_timeout 65s;
                    include %1$s/conf.d/*.conf;
                    # Holds the port until an app's include (read above, so it is the default) serves it.
                    server { listen 127.0.0.1:%2$d; return 404; }
                }
                """.formatted(prefix, port);
    }

    /** The master's PID if it is running. */
    public Optional<Long> pid() {
        Path pidFile = prefix.resolve("nginx.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Stops this nginx (graceful, then forced after 10 s), by the PID it wrote. */
    public void stop() {
        Optional<ProcessHandle> master = pid().flatMap(ProcessHandle::of);
        if (master.isEmpty()) {
            return;
        }
        List<String> quit = base();
        quit.addAll(List.of("-s", "quit"));
        try {
            run(quit, "stop nginx");
            master.get().onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            master.get().destroyForcibly();
        }
    }

    private static void run(List<String> argv, String what) throws IOException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(what + ": no answer within 30 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException(what + " failed: " + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(what + " interrupted", e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
