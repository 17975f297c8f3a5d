package dev.protostar.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Debian's docker-registry (the distribution registry) as a process of the test's own: on a free 127.0.0.1 port, with TLS
 * from a self-signed certificate and htpasswd (bcrypt) authentication, its storage and config in the test's directory.
 * dockerd treats registries on 127.0.0.0/8 as insecure by default, so it accepts the self-signed certificate without any
 * change to its configuration.
 */
final class LocalRegistry implements AutoCloseable {
    static final String USER = "deployer";
    final String password = Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36);
    final int port;
    final Path dir;
    private final Process process;

    LocalRegistry(Path dir) throws IOException, InterruptedException {
        this.dir = Files.createDirectories(dir);
        this.port = Fixture.freePort();
        run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", dir.resolve("key.pem").toString(),
                "-out", dir.resolve("cert.pem").toString()));
        String htpasswd = run(List.of("htpasswd", "-Bbn", USER, password));
        Files.writeString(dir.resolve("htpasswd"), htpasswd.strip() + "\n");
        Files.writeString(dir.resolve("config.yml"), """
                version: 0.1
                log: { level: warn }
                storage:
                  filesystem: { rootdirectory: %s }
                http:
                  addr: 127.0.0.1:%d
                  secret: %s
                  tls: { certificate: %s, key: %s }
                auth:
                  htpasswd: { realm: protostar-test, path: %s }
                """.formatted(dir.resolve("data"), port, password, dir.resolve("cert.pem"), dir.resolve("key.pem"),
                dir.resolve("htpasswd")));
        process = new ProcessBuilder("docker-registry", "serve", dir.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        awaitAnswer();
    }

    /** host:port, as an image reference starts. */
    String host() {
        return "127.0.0.1:" + port;
    }

    /** A Docker config directory whose config.json logs in to this registry as {@code user} with {@code password}. */
    Path dockerConfig(Path where, String user, String pass) throws IOException {
        Files.createDirectories(where);
        String auth = Base64.getEncoder().encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8));
        Files.writeString(where.resolve("config.json"), "{\"auths\":{\"" + host() + "\":{\"auth\":\"" + auth + "\"}}}");
        return where;
    }

    /** Until the registry answers /v2/ with 401 (it asks for credentials): bounded at 30 s. */
    private void awaitAnswer() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().sslContext(trustingAll()).connectTimeout(Duration.ofSeconds(2)).build();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited: " + Files.readString(dir.resolve("registry.log")));
            }
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create("https://" + host() + "/v2/"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 401) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("docker-registry did not answer within 30 s: " + Files.readString(dir.resolve("registry.log")));
    }

    private static SSLContext trustingAll() {
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {}

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return c;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(command.get(0) + " failed: " + out);
        }
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
