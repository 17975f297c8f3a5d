package dev.protostar.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.protostar.core.state.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The users' monitoring, from Debian's packages, on 127.0.0.1: node_exporter with only its textfile
 * collector, a Pushgateway, and a Prometheus that scrapes both every second. Each is a process of
 * this test (stopped by its handle), with free ports and its own directories; no system service.
 */
final class MonitoringStack implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(60);

    final Path textfileDir;
    final int nodePort;
    final int pushPort;
    final int prometheusPort;
    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    MonitoringStack(Path dir) throws Exception {
        textfileDir = Files.createDirectories(dir.resolve("textfile"));
        nodePort = Fixture.freePort();
        pushPort = Fixture.freePort();
        prometheusPort = Fixture.freePort();
        try {
            start(dir, "prometheus-node-exporter", "--web.listen-address=127.0.0.1:" + nodePort,
                    "--collector.disable-defaults", "--collector.textfile", "--collector.textfile.directory=" + textfileDir);
            start(dir, "prometheus-pushgateway", "--web.listen-address=127.0.0.1:" + pushPort,
                    "--persistence.file=" + dir.resolve("pushgateway.data"));
            Path config = Files.writeString(dir.resolve("prometheus.yml"), """
                    global:
                      scrape_interval: 1s
                      evaluation_interval: 1s
                    scrape_configs:
                      - job_name: node
                        static_configs: [ { targets: [ "127.0.0.1:%d" ] } ]
                      - job_name: pushgateway
                        honor_labels: true
                        static_configs: [ { targets: [ "127.0.0.1:%d" ] } ]
                    """.formatted(nodePort, pushPort));
            start(dir, "prometheus", "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("tsdb"),
                    "--web.listen-address=127.0.0.1:" + prometheusPort);
            await("node_exporter", () -> get(nodePort, "/metrics"), body -> body.contains("node_textfile_scrape_error"));
            await("the Pushgateway", () -> get(pushPort, "/-/ready"), body -> true);
            await("Prometheus", () -> get(prometheusPort, "/-/ready"), body -> true);
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    private void start(Path dir, String binary, String... args) throws IOException {
        Path exe = Path.of("/usr/bin", binary);
        if (!Files.isExecutable(exe)) {
            throw new IllegalStateException(exe + " is missing: apt-get install prometheus prometheus-pushgateway "
                    + "prometheus-node-exporter (.ci/setup installs them)");
        }
        List<String> command = new ArrayList<>(List.of(exe.toString()));
        command.addAll(List.of(args));
        Path log = dir.resolve(binary + ".log");
        processes.add(new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start());
    }

    String get(int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** The samples of an instant query through Prometheus' HTTP API. */
    JsonNode query(String promql) throws IOException, InterruptedException {
        JsonNode answer = Json.MAPPER.readTree(get(prometheusPort, "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)));
        if (!"success".equals(answer.path("status").asText())) {
            throw new IOException("Prometheus refused " + promql + ": " + answer);
        }
        return answer.path("data").path("result");
    }

    /** The series of a range query through Prometheus' HTTP API (times in Unix seconds). */
    JsonNode queryRange(String promql, long start, long end, long step) throws IOException, InterruptedException {
        JsonNode answer = Json.MAPPER.readTree(get(prometheusPort, "/api/v1/query_range?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&start=" + start + "&end=" + end + "&step=" + step));
        if (!"success".equals(answer.path("status").asText())) {
            throw new IOException("Prometheus refused " + promql + ": " + answer);
        }
        return answer.path("data").path("result");
    }

    /** Waits (bounded: tells "stopped" from "hung") until the query returns what {@code done} accepts; that answer. */
    JsonNode awaitQuery(String promql, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + START.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = query(promql);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Prometheus never answered " + promql + " as expected; last answer: " + last);
    }

    interface Fetch {
        String get() throws Exception;
    }

    private void await(String what, Fetch fetch, Predicate<String> ready) throws Exception {
        long deadline = System.nanoTime() + START.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException(p.info().command().orElse("a process") + " exited with " + p.exitValue());
                }
            }
            try {
                if (ready.test(fetch.get())) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(what + " did not start within " + START.toSeconds() + " s", last);
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
