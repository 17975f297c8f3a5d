package dev.protostar.cli;

import dev.protostar.core.api.DockerEndpoint;
import dev.protostar.core.api.TlsMaterial;
import dev.protostar.core.docker.Docker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A second Docker engine on this machine, reachable only over TCP with TLS on 127.0.0.1, as a
 * remote main server would be: its own data root, exec root, pid file and socket, and certificates
 * made with openssl for the occasion (a CA, a server and a client certificate, and a stranger CA
 * for the negative tests). It leaves the first engine's bridge and iptables alone: it gets a bridge
 * of its own (dockerd started with {@code --bridge none} deletes docker0, the first engine's).
 */
public final class SecondDockerd implements AutoCloseable {
    final Path dir;
    final int port;
    Process process;
    private final String bridge;
    private final List<String> command = new ArrayList<>();
    private final List<String> allowed = new ArrayList<>();

    public SecondDockerd() throws Exception {
        this(false);
    }

    /** @param liveRestore containers keep running while this engine is stopped (dockerd's --live-restore) */
    public SecondDockerd(boolean liveRestore) throws Exception {
        this.dir = Files.createTempDirectory("pd2-");
        this.port = Fixture.freePort();
        Path certs = Files.createDirectories(dir.resolve("certs"));
        makeCertificates(certs);
        this.bridge = "pd2" + Integer.toHexString(port);
        int subnet = freeSubnet();
        run("ip", "link", "add", bridge, "type", "bridge");
        // A fixed address, as dockerd gives its own bridges: otherwise the bridge takes its ports' lowest
        // address and changes it when a container stops, and the others' ARP entries go stale for seconds.
        run("ip", "link", "set", bridge, "address", String.format("02:42:%02x:%02x:%02x:%02x", 0x0d, 0x2d,
                port >> 8 & 0xff, port & 0xff));
        run("ip", "addr", "add", "10.213." + subnet + ".1/24", "dev", bridge);
        run("ip", "link", "set", bridge, "up");
        command.addAll(List.of("dockerd",
                "--data-root", dir.resolve("data").toString(),
                "--exec-root", dir.resolve("exec").toString(),
                "--pidfile", dir.resolve("docker.pid").toString(),
                "-H", "unix://" + dir.resolve("docker.sock"),
                "-H", "tcp://127.0.0.1:" + port,
                "--tlsverify",
                "--tlscacert", certs.resolve("ca.pem").toString(),
                "--tlscert", certs.resolve("server-cert.pem").toString(),
                "--tlskey", certs.resolve("server-key.pem").toString(),
                "--bridge", bridge,
                "--iptables=false",
                "--ip6tables=false"));
        start(liveRestore);
    }

    /** Starts the engine on its data root (again), with or without --live-restore, and waits until it answers. */
    public void start(boolean liveRestore) throws Exception {
        List<String> cmd = new ArrayList<>(command);
        if (liveRestore) {
            cmd.add("--live-restore");
        }
        this.process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("dockerd.log").toFile())).start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Exception last = null;
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                String log = log();
                close();
                throw new IllegalStateException("the second dockerd exited: " + log);
            }
            try (Docker d = Docker.connect(endpoint())) {
                d.ping();
                return;
            } catch (RuntimeException e) {
                last = e;
                Thread.sleep(250);
            }
        }
        String log = log();
        close();
        throw new IllegalStateException("the second dockerd did not answer over TLS within 60 s: " + last + "\n" + log);
    }

    /**
     * Stops the engine as its service manager would (SIGTERM, then waits): with --live-restore its containers keep
     * running, without it dockerd stops them first.
     */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Lets containers on one of this engine's networks reach each other. The first engine's
     * iptables setup drops bridged traffic it does not know (FORWARD policy DROP), and this engine
     * runs without iptables so as not to fight over the same chains; DOCKER-USER is the chain meant for such rules.
     */
    public void allowForwarding(String networkBridge) throws Exception {
        run("iptables", "-I", "DOCKER-USER", "-i", networkBridge, "-o", networkBridge, "-j", "ACCEPT");
        allowed.add(networkBridge);
    }

    public String host() {
        return "tcp://127.0.0.1:" + port;
    }

    public Path certs() {
        return dir.resolve("certs");
    }

    /** The client's TLS material, as Jenkins credentials would hand it over: PEM strings. */
    public TlsMaterial tls() throws IOException {
        return new TlsMaterial(pem("ca.pem"), pem("cert.pem"), pem("key.pem"));
    }

    public DockerEndpoint endpoint() throws IOException {
        return new DockerEndpoint(host(), tls());
    }

    String pem(String file) throws IOException {
        return Files.readString(certs().resolve(file), StandardCharsets.US_ASCII);
    }

    public String log() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("dockerd.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void makeCertificates(Path d) throws Exception {
        openssl(d, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca-key.pem", "-out", "ca.pem", "-days", "2",
                "-subj", "/CN=protostar test CA");
        openssl(d, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "stranger-ca-key.pem", "-out", "stranger-ca.pem",
                "-days", "2", "-subj", "/CN=someone else's CA");
        Files.writeString(d.resolve("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
        Files.writeString(d.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        openssl(d, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server-key.pem", "-out", "server.csr", "-subj", "/CN=127.0.0.1");
        openssl(d, "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial",
                "-out", "server-cert.pem", "-days", "2", "-extfile", "server.ext");
        openssl(d, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "client.csr", "-subj", "/CN=jenkins");
        openssl(d, "x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial",
                "-out", "cert.pem", "-days", "2", "-extfile", "client.ext");
        // A client certificate signed by the stranger CA: the engine must refuse it.
        openssl(d, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "stranger-key.pem", "-out", "stranger.csr", "-subj", "/CN=stranger");
        openssl(d, "x509", "-req", "-in", "stranger.csr", "-CA", "stranger-ca.pem", "-CAkey", "stranger-ca-key.pem",
                "-CAcreateserial", "-out", "stranger-cert.pem", "-days", "2", "-extfile", "client.ext");
    }

    /** A 10.213.x.0/24 no interface has yet: the suite's two forks may each start an engine of their own at once. */
    private static int freeSubnet() throws Exception {
        Process p = new ProcessBuilder("ip", "-4", "-o", "addr", "show").redirectErrorStream(true).start();
        String used = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        for (int attempt = 0; attempt < 100; attempt++) {
            int subnet = java.util.concurrent.ThreadLocalRandom.current().nextInt(100, 250);
            if (!used.contains(" 10.213." + subnet + ".")) {
                return subnet;
            }
        }
        throw new IllegalStateException("no free 10.213.x.0/24 subnet: " + used);
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    private static void openssl(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: " + out);
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy(); // SIGTERM: dockerd stops its containers and unmounts
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        for (String b : allowed) {
            run("iptables", "-D", "DOCKER-USER", "-i", b, "-o", b, "-j", "ACCEPT");
        }
        run("ip", "link", "del", bridge);
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException leftOver) {
                    // a mount dockerd left behind; the directory is in the temp dir either way
                }
            });
        }
    }
}
