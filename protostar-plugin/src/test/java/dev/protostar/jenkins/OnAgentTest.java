package dev.protostar.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.engine.DeployResult;
import dev.protostar.core.engine.Outcome;
import dev.protostar.jenkins.bridge.DeployCall;
import dev.protostar.jenkins.bridge.SpecSource;
import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent side of a step, run here in-process: the effective spec, the log lines, the clean-up. */
class OnAgentTest {
    @TempDir
    Path ws;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final TaskListener listener = new TaskListener() {
        private final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);

        @Override
        public PrintStream getLogger() {
            return out;
        }
    };

    @Test
    void runsTheEngineInTheWorkspaceAndLogsEachPhase() throws Exception {
        // The health defaults make the spec invalid, so the engine stops at the spec, before Docker.
        Files.writeString(ws.resolve("protostar.yml"), "app: nest\nport: 3000\n");
        SpecSource spec = new SpecSource(null, null, null, null, "successes: 0");
        DeployResult r = new OnAgent<>("call-1", spec, new DeployCall(null, "job/nest/7/", null), List.of(), listener, false)
                .invoke(ws.toFile(), null);
        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome());
        assertTrue(r.error().startsWith(".protostar-effective-protostar.yml:5:14: health.successes"), r.error());
        String lines = log.toString(StandardCharsets.UTF_8);
        assertTrue(lines.contains("[protostar] ▸ spec"), lines);
        assertTrue(lines.contains("[protostar] ✗ spec"), lines);
        try (Stream<Path> files = Files.list(ws)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().startsWith(".protostar-")), "the effective spec is removed");
        }
        assertTrue(Files.exists(ws.resolve("protostar.yml")));
    }
}
