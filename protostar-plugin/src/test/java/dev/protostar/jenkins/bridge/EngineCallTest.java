package dev.protostar.jenkins.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.Advice;
import dev.protostar.core.api.Event;
import dev.protostar.core.api.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        DeployReport r = new DeployCall(null, "job/nest/1/", "abc123").run(spec, null, List.of(), Advice.COMMAND_LINE, events::add);
        assertEquals("FAILED_BEFORE_SWITCH", r.outcome());
        assertEquals("spec", r.failedPhase());
        assertTrue(r.error().startsWith("protostar.yml:2:"), r.error());
        assertTrue(events.stream().anyMatch(e -> e.kind() == Event.Kind.FAILED && e.phase() == Phase.SPEC));
    }

    @Test
    void aSwitchToAnUnknownColorIsRefused() {
        DeployReport r = new SwitchCall("purple", "job/nest/2/").run(ws.resolve("protostar.yml"), null, List.of(), Advice.COMMAND_LINE, e -> {});
        assertEquals("FAILED_BEFORE_SWITCH", r.outcome());
        assertTrue(r.error().contains("previous, blue or green"), r.error());
    }

    @Test
    void aRollbackToWhatNamesNoVersionIsRefusedNamingTheStepParameter() {
        DeployReport r = DeployCall.rollback("$(id)", "job/nest/3/", null, null).run(ws.resolve("protostar.yml"), null, List.of(),
                new PipelineAdvice("s", "s", "s", "d", "v", "r", "r", "spec", "history", "rollbackTo"), e -> {});
        assertEquals("FAILED_BEFORE_SWITCH", r.outcome());
        assertTrue(r.error().startsWith("rollbackTo: \"$(id)\" names no version"), r.error());
        assertTrue(DeployCall.rollback("v1", "o", java.util.Map.of("DB_PASSWORD", "s3cret"), null).toString().indexOf("s3cret") < 0);
    }

    @Test
    void verifyReportsAMissingSpecAsAProblem() {
        VerifyReport r = new VerifyCall().run(ws.resolve("protostar.yml"), null, List.of(), Advice.COMMAND_LINE, e -> {});
        assertEquals(1, r.problems().size());
        assertTrue(r.problems().get(0).contains("there is no spec file"), r.problems().get(0));
        assertInstanceOf(ArrayList.class, r.problems());
    }

    @Test
    void releasingALockWithoutASpecReleasesNothingAndSaysWhy() {
        ReleaseReport r = new ReleaseLockCall("job/nest/7/").run(ws.resolve("protostar.yml"), null, List.of(), Advice.COMMAND_LINE, e -> {});
        assertEquals(false, r.released());
        assertTrue(r.problem().contains("there is no spec file"), r.problem());
    }

}
