package dev.protostar.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Event;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import dev.protostar.core.spec.AppSpec;
import dev.protostar.core.state.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {
    @Test
    void oneJsonLinePerEventAndTheOutcome(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("logs/events.jsonl");
        EventLog log = EventLog.to(file, System.out, "shop", "deploy", w -> {});
        log.onEvent(new Event(Event.Kind.STARTED, Phase.GATE, "gate", 0));
        log.onEvent(new Event(Event.Kind.OUTPUT, Phase.BUILD, "SECRET=1", 0));
        log.onEvent(new Event(Event.Kind.FAILED, Phase.GATE, "503 from /health", 60_000));
        log.outcome(new DeployResult("shop", "deploy", Outcome.FAILED_BEFORE_SWITCH, "blue", "blue", "shop:2", "sha256:1", 61_000,
                Map.of("gate", 60_000L), Phase.GATE, "the gate failed\ncontainer log: SECRET=1"));
        List<String> lines = Files.readAllLines(file);
        assertEquals(3, lines.size(), lines.toString());
        assertFalse(String.join("\n", lines).contains("SECRET"), "no container output: " + lines);
        JsonNode started = Json.MAPPER.readTree(lines.get(0));
        assertEquals("phase_started", started.get("event").asText());
        assertEquals("gate", started.get("phase").asText());
        assertEquals("shop", started.get("app").asText());
        JsonNode failed = Json.MAPPER.readTree(lines.get(1));
        assertEquals(60.0, failed.get("seconds").asDouble());
        assertEquals("503 from /health", failed.get("message").asText());
        JsonNode outcome = Json.MAPPER.readTree(lines.get(2));
        assertEquals("failed_before_switch", outcome.get("outcome").asText());
        assertEquals("gate", outcome.get("failed_phase").asText());
        assertEquals("the gate failed", outcome.get("error").asText());
    }

    @Test
    void standardOutputToo() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EventLog log = EventLog.to(AppSpec.Metrics.STDOUT, new PrintStream(bytes, true, StandardCharsets.UTF_8), "shop", "switch", w -> {});
        log.onEvent(new Event(Event.Kind.FINISHED, Phase.SWITCH, "switch", 250));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("{\"time\":\""), out);
        assertTrue(out.contains("\"action\":\"switch\",\"event\":\"phase_finished\",\"phase\":\"switch\",\"seconds\":0.25}"), out);
    }

    @Test
    void aFileThatCannotBeWrittenIsReportedOnceAndStopsNothing(@TempDir Path dir) throws Exception {
        Path blocker = Files.writeString(dir.resolve("file"), "");
        List<String> warnings = new ArrayList<>();
        EventLog log = EventLog.to(blocker.resolve("events.jsonl"), System.out, "shop", "deploy", warnings::add);
        log.onEvent(new Event(Event.Kind.STARTED, Phase.GATE, "gate", 0));
        log.onEvent(new Event(Event.Kind.FINISHED, Phase.GATE, "gate", 10));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("events.jsonl"), warnings.toString());
    }
}
