package dev.protostar.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.VerifyResult;
import dev.protostar.core.engine.fake.Behaviour;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the engine publishes after each command (a fake host; the real stack is in the CLI's MonitoringTest). */
class PublicationTest {
    @TempDir
    Path tmp;
    HttpServer pushgateway;
    final List<String> pushed = new CopyOnWriteArrayList<>();
    final AtomicInteger status = new AtomicInteger(200);

    @BeforeEach
    void startPushgateway() throws Exception {
        pushgateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pushgateway.createContext("/", exchange -> {
            pushed.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + "\n"
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        pushgateway.start();
    }

    @AfterEach
    void stopPushgateway() {
        pushgateway.stop(0);
    }

    private Stage stage(Path textfileDir) throws Exception {
        Stage stage = Stage.oneHost(tmp, """
                metrics:
                  textfileDir: %s
                  pushgateway: http://127.0.0.1:%d
                  events: events.jsonl
                """.formatted(textfileDir, pushgateway.getAddress().getPort()));
        stage.world().image("shop:v1", Behaviour.HEALTHY).image("shop:v2", Behaviour.EXITS);
        return stage;
    }

    @Test
    void eachCommandRewritesTheTextfileAndPushesFromTheHistory() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("textfile"));
        Stage stage = stage(dir);

        assertEquals(Outcome.SUCCEEDED, stage.deploy("shop:v1").outcome());
        DeployResult failed = stage.deploy("shop:v2");
        assertEquals(Outcome.FAILED_BEFORE_SWITCH, failed.outcome());
        VerifyResult verified = stage.verify();
        assertTrue(verified.ok(), verified.problems().toString());

        String text = Files.readString(dir.resolve("protostar-shop.prom"));
        String labels = "app=\"shop\",docker_host=\"unix:///var/run/docker.sock\"";
        assertTrue(text.contains("protostar_deploys_total{" + labels + ",outcome=\"succeeded\"} 1.0\n"), text);
        assertTrue(text.contains("protostar_deploys_total{" + labels + ",outcome=\"failed_before_switch\"} 1.0\n"), text);
        assertTrue(text.contains("protostar_live_color{app=\"shop\",color=\"blue\",docker_host=\"unix:///var/run/docker.sock\"} 1.0\n"), text);
        assertTrue(text.contains("protostar_live_image_info{app=\"shop\",color=\"blue\",docker_host=\"unix:///var/run/docker.sock\",image=\"shop:v1\""), text);
        assertTrue(text.contains("protostar_drift_problems{" + labels + "} 0.0\n"), text);
        assertTrue(text.contains("protostar_phase_duration_seconds{action=\"deploy\"," + labels + ",phase=\"gate\"}"), text);
        try (var files = Files.list(dir)) {
            assertEquals(List.of("protostar-shop.prom"), files.map(p -> p.getFileName().toString()).toList(), "no temp file left");
        }

        assertEquals(3, pushed.size(), pushed.toString());
        assertTrue(pushed.get(2).startsWith("PUT /metrics/job/protostar/app/shop/docker_host@base64/"), pushed.get(2));
        assertEquals(text, pushed.get(2).substring(pushed.get(2).indexOf('\n') + 1), "the same text in both places");

        List<String> events = Files.readAllLines(tmp.resolve("events.jsonl"));
        List<String> outcomes = events.stream().filter(l -> l.contains("\"event\":\"outcome\"") || l.contains("\"event\":\"verified\"")).toList();
        assertEquals(3, outcomes.size(), events.toString());
        assertTrue(outcomes.get(0).contains("\"outcome\":\"succeeded\""), outcomes.get(0));
        assertTrue(outcomes.get(1).contains("\"outcome\":\"failed_before_switch\",\"color\":\"blue\""), outcomes.get(1));
        assertTrue(outcomes.get(1).contains("\"failed_phase\":\"gate\""), outcomes.get(1));
        assertTrue(outcomes.get(2).contains("\"action\":\"verify\",\"event\":\"verified\",\"outcome\":\"ok\""), outcomes.get(2));
        assertTrue(events.stream().anyMatch(l -> l.contains("\"event\":\"phase_failed\",\"phase\":\"gate\"")), events.toString());
    }

    @Test
    void monitoringThatFailsIsAWarningAndChangesNoOutcome() throws Exception {
        Path notADirectory = Files.writeString(tmp.resolve("plain-file"), "");
        Stage stage = stage(notADirectory);
        status.set(500);

        DeployResult r = stage.deploy("shop:v1");

        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
        String warnings = stage.warnings();
        assertTrue(warnings.contains("metrics: could not write the textfile " + notADirectory.resolve("protostar-shop.prom")), warnings);
        assertTrue(warnings.contains("metrics: the Pushgateway at http://127.0.0.1:" + pushgateway.getAddress().getPort() + " answered 500"), warnings);
    }
}
