package dev.protostar.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.protostar.core.state.Json;
import dev.protostar.jenkins.bridge.DeployCall;
import dev.protostar.jenkins.bridge.DeployReport;
import dev.protostar.jenkins.bridge.SpecSource;
import dev.protostar.jenkins.bridge.SwitchCall;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deploy or switch that a step runs publishes what the {@code protostar} command's does: the engine runs on the agent
 * (here in-process, as {@link OnAgent} runs it there) with the spec's {@code metrics:}, so its event log gets one JSON line
 * per event and its Grafana annotation is posted, with the token from the step's environment (withCredentials), not the
 * agent process's. No Docker: the engine at a socket that does not exist stops the command at its lock, before any change;
 * the event log and the annotation come all the same (the textfile and the Pushgateway need the engine's history, so
 * they come after a command that reached Docker, on the same code path: see docs/monitoring.md).
 */
class StepMetricsTest {
    @TempDir
    Path root;

    private HttpServer grafana;
    private final List<String> annotations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void grafana() throws Exception {
        grafana = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        grafana.createContext("/api/annotations", exchange -> {
            JsonNode body = Json.MAPPER.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            annotations.add(exchange.getRequestHeaders().getFirst("Authorization") + " " + body.get("tags"));
            byte[] answer = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        grafana.start();
    }

    @AfterEach
    void stop() {
        grafana.stop(0);
    }

    @Test
    void aStepsDeployAndSwitchReachTheEventLogAndGrafanaWithTheStepsToken() throws Exception {
        Path ws = Files.createDirectories(root.resolve("ws"));
        Path events = root.resolve("log/protostar-events.jsonl");
        Files.writeString(ws.resolve("protostar.yml"), "app: nest\nport: 3000\ndocker:\n  host: unix://" + root.resolve("no.sock")
                + "\nmetrics:\n  events: " + events + "\n  grafana: http://127.0.0.1:" + grafana.getAddress().getPort() + "\n");
        Map<String, String> stepEnvironment = Map.of("PROTOSTAR_GRAFANA_TOKEN", "glsa_from_withCredentials");
        CapturedLog log = new CapturedLog();
        SpecSource spec = new SpecSource(null, null, null, null, null);

        DeployReport deployed = new OnAgent<>("metrics-1", spec, ws + "@tmp", new DeployCall(null, "job/nest/7/", null, stepEnvironment),
                List.of(), log, false).invoke(ws.toFile(), null);
        DeployReport switched = new OnAgent<>("metrics-2", spec, ws + "@tmp", new SwitchCall("previous", "job/nest/8/", stepEnvironment),
                List.of(), log, false).invoke(ws.toFile(), null);
        assertEquals("FAILED_BEFORE_SWITCH", deployed.outcome(), deployed.error());
        assertEquals("FAILED_BEFORE_SWITCH", switched.outcome(), switched.error());

        List<JsonNode> lines = Files.readAllLines(events).stream().map(StepMetricsTest::json).toList();
        List<String> said = lines.stream().map(l -> l.get("action").asText() + " " + l.get("event").asText()
                + (l.has("phase") ? " " + l.get("phase").asText() : "") + (l.has("outcome") ? " " + l.get("outcome").asText() : "")).toList();
        assertTrue(said.containsAll(List.of("deploy phase_started lock", "deploy phase_failed lock", "deploy outcome failed_before_switch",
                "switch phase_started lock", "switch phase_failed lock", "switch outcome failed_before_switch")), String.valueOf(said));
        lines.forEach(l -> assertEquals("nest", l.get("app").asText()));

        assertEquals(List.of("Bearer glsa_from_withCredentials [\"protostar\",\"app:nest\",\"deploy\",\"failed_before_switch\"]",
                "Bearer glsa_from_withCredentials [\"protostar\",\"app:nest\",\"switch\",\"failed_before_switch\"]"), annotations);
        assertFalse(log.text().contains("glsa_from_withCredentials"), "the token is in no log line: " + log.text());
        assertFalse(Files.readString(events).contains("glsa_from_withCredentials"));
    }

    private static JsonNode json(String line) {
        try {
            return Json.MAPPER.readTree(line);
        } catch (java.io.IOException e) {
            throw new AssertionError(line, e);
        }
    }
}
