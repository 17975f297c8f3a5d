package dev.protostar.jenkins.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Event;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import dev.protostar.core.api.VerifyResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The calls reach the engine with the step's arguments; a spec error needs no Docker to show it. */
class EngineCallTest {
    @TempDir
    Path ws;

    @Test
    void aDeployWithABadSpecFailsBeforeAnythingChanges() throws Exception {
        Path spec = ws.resolve("protostar.yml");
        Files.writeString(spec, "app: nest\nport: 0\n");
        List<Event> events = new ArrayList<>();
        DeployResult r = new DeployCall(null, "job/nest/1/", "abc123").run(spec, List.of(), events::add);
        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome());
        assertEquals(Phase.SPEC, r.failedPhase());
        assertTrue(r.error().startsWith("protostar.yml:2:"), r.error());
        assertInstanceOf(LinkedHashMap.class, r.phases(), "results cross the agent channel as plain collections");
        assertTrue(events.stream().anyMatch(e -> e.kind() == Event.Kind.FAILED && e.phase() == Phase.SPEC));
    }

    @Test
    void aSwitchToAnUnknownColorIsRefused() {
        DeployResult r = new SwitchCall("purple", "job/nest/2/").run(ws.resolve("protostar.yml"), List.of(), e -> {});
        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome());
        assertTrue(r.error().contains("previous, blue or green"), r.error());
    }

    @Test
    void verifyReportsAMissingSpecAsAProblem() {
        VerifyResult r = new VerifyCall().run(ws.resolve("protostar.yml"), List.of(), e -> {});
        assertEquals(1, r.problems().size());
        assertTrue(r.problems().get(0).contains("there is no spec file"), r.problems().get(0));
        assertInstanceOf(ArrayList.class, r.problems());
    }
}
