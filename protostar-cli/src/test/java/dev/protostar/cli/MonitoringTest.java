package dev.protostar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.api.VerifyResult;
import dev.protostar.core.docker.Docker;
import dev.protostar.core.engine.Engine;
import dev.protostar.core.metrics.EngineTextfile;
import dev.protostar.core.state.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, point 5: deploys the users' monitoring sees. A real deploy with the engine, then a real
 * Prometheus scrapes node_exporter's textfile collector and the Pushgateway, and its query API
 * returns the deploy, the live color, the phase durations and the drift that verify found.
 */
class MonitoringTest {
    @TempDir
    Path tmp;

    @Test
    void prometheusSeesDeploysThroughTheTextfileAndThePushgateway() throws Exception {
        Path events = tmp.resolve("logs/events.jsonl");
        try (MonitoringStack stack = new MonitoringStack(Files.createDirectories(tmp.resolve("monitoring")));
             Fixture f = new Fixture(Files.createDirectories(tmp.resolve("app")), """
                     retire:
                       drain: 1s
                     metrics:
                       textfileDir: %s
                       pushgateway: http://127.0.0.1:%d
                       events: %s
                     """.formatted(stack.textfileDir, stack.pushPort, events))) {
            DeployResult first = f.deploy("v1");
            assertTrue(first.ok(), first.error());
            String app = "app=\"" + f.app + "\"";
            String file = Files.readString(stack.textfileDir.resolve("protostar-" + f.app + ".prom"));
            assertTrue(file.contains("protostar_deploys_total{" + app + ",docker_host=\"" + Fixture.DOCKER
                    + "\",outcome=\"succeeded\"} 1.0\n"), file);

            // job "node": node_exporter's textfile collector; job "protostar": the Pushgateway's group (honor_labels keeps it)
            JsonNode deploys = stack.awaitQuery("protostar_deploys_total{" + app + ",outcome=\"succeeded\"} == 1", r -> r.size() == 2);
            assertEquals(Set.of("node", "protostar"), jobs(deploys), deploys.toString());
            JsonNode live = stack.awaitQuery("protostar_live_color{" + app + "} == 1", r -> r.size() == 2);
            for (JsonNode sample : live) {
                assertEquals(first.color(), sample.path("metric").path("color").asText(), live.toString());
            }

            DeployResult second = f.deploy("v2");
            assertTrue(second.ok(), second.error());
            assertFalse(second.color().equals(first.color()));
            stack.awaitQuery("protostar_deploys_total{" + app + ",outcome=\"succeeded\"} == 2", r -> r.size() == 2);
            JsonNode flipped = stack.awaitQuery("protostar_live_color{" + app + "} == 1",
                    r -> r.size() == 2 && r.findValuesAsText("color").stream().allMatch(second.color()::equals));
            assertEquals(Set.of("node", "protostar"), jobs(flipped));
            JsonNode image = stack.query("protostar_live_image_info{" + app + ",job=\"node\"}");
            assertEquals(second.imageName(), image.get(0).path("metric").path("image").asText(), image.toString());
            JsonNode gate = stack.query("protostar_phase_duration_seconds{" + app + ",phase=\"gate\",action=\"deploy\"}");
            assertEquals(2, gate.size(), gate.toString());
            assertTrue(gate.get(0).path("value").get(1).asDouble() > 0, gate.toString());
            JsonNode changed = stack.query("time() - protostar_last_change_timestamp_seconds{" + app + ",job=\"node\"}");
            assertTrue(changed.get(0).path("value").get(1).asDouble() < 600, changed.toString());
            stack.awaitQuery("protostar_drift_problems{" + app + "} == 0", r -> r.size() == 2);
            dashboardQueriesAnswer(stack, f.app);

            // Drift: the standby nginx falls back to is stopped by hand; verify finds it and Prometheus shows it.
            f.stopByHand(first.color());
            VerifyResult verified = Engine.verify(f.spec.toString(), EventListener.NONE);
            assertFalse(verified.ok(), verified.problems().toString());
            stack.awaitQuery("protostar_drift_problems{" + app + "} == " + verified.problems().size(), r -> r.size() == 2);

            List<JsonNode> lines = Files.readAllLines(events).stream().map(MonitoringTest::json).toList();
            assertTrue(lines.stream().anyMatch(l -> "phase_started".equals(l.path("event").asText())
                    && "gate".equals(l.path("phase").asText()) && f.app.equals(l.path("app").asText())), lines.toString());
            assertEquals(2, lines.stream().filter(l -> "outcome".equals(l.path("event").asText())
                    && "succeeded".equals(l.path("outcome").asText())).count(), lines.toString());
            JsonNode last = lines.get(lines.size() - 1);
            assertEquals("verified", last.path("event").asText(), last.toString());
            assertEquals("drift", last.path("outcome").asText(), last.toString());
        }
    }

    /** With nginx in a container or a remote engine the file is written on the engine's host by a helper container. */
    @Test
    void throughTheEngineNodeExporterReadsTheFile() throws Exception {
        String app = "m" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        try (MonitoringStack stack = new MonitoringStack(Files.createDirectories(tmp.resolve("monitoring")));
             Docker docker = Docker.connect(Fixture.DOCKER)) {
            String text = "# HELP protostar_test_total a test\n# TYPE protostar_test_total counter\nprotostar_test_total{app=\"" + app + "\"} 3\n";
            EngineTextfile.write(docker, stack.textfileDir, app, text);
            EngineTextfile.write(docker, stack.textfileDir, app, text.replace("} 3", "} 4")); // replaces the file whole
            assertEquals(List.of("protostar-" + app + ".prom"), Files.list(stack.textfileDir).map(p -> p.getFileName().toString()).toList());
            String exported = stack.get(stack.nodePort, "/metrics");
            assertTrue(exported.contains("protostar_test_total{app=\"" + app + "\"} 4\n"), exported);
            assertTrue(exported.contains("node_textfile_scrape_error 0\n"), exported);
            assertTrue(docker.call("list", java.time.Duration.ofSeconds(30), () -> docker.client().listContainersCmd()
                    .withShowAll(true).withLabelFilter(java.util.Map.of("dev.protostar.textfile", app)).exec()).isEmpty(),
                    "the helper containers are gone");
        }
    }

    /** Every Prometheus query of the shipped Grafana dashboard parses, and each but the failures' annotation finds the deploys. */
    private static void dashboardQueriesAnswer(MonitoringStack stack, String app) throws Exception {
        JsonNode dashboard = Json.MAPPER.readTree(Path.of("..", "docs", "grafana", "protostar-deploys.json").toFile());
        List<JsonNode> queries = new java.util.ArrayList<>();
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> {
            if ("prometheus".equals(t.path("datasource").path("type").asText())) {
                queries.add(t);
            }
        }));
        dashboard.path("annotations").path("list").forEach(a -> {
            if (a.has("expr")) {
                queries.add(a);
            }
        });
        assertTrue(queries.size() >= 8, queries.toString());
        for (JsonNode q : queries) {
            String expr = q.path("expr").asText().replace("$app", app);
            boolean failures = q.path("name").asText().startsWith("Failed");
            JsonNode result = stack.awaitQuery(expr, r -> failures || r.size() > 0);
            if (failures) {
                assertEquals(0, result.size(), expr + " -> " + result);
            }
        }
    }

    private static Set<String> jobs(JsonNode result) {
        Set<String> jobs = new TreeSet<>();
        result.forEach(s -> jobs.add(s.path("metric").path("job").asText()));
        return jobs;
    }

    private static JsonNode json(String line) {
        try {
            return Json.MAPPER.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
