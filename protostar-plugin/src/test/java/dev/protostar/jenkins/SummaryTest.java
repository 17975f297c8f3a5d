package dev.protostar.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import dev.protostar.core.api.VerifyResult;
import dev.protostar.jenkins.bridge.DeployReport;
import dev.protostar.jenkins.bridge.ReleaseReport;
import dev.protostar.jenkins.bridge.VerifyReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The words a step ends with: the engine's ({@link dev.protostar.core.api.Wording}), with the Pipeline's advice. */
class SummaryTest {
    private static final DeployReport OK = DeployReport.of(new DeployResult("nest", "deploy", Outcome.SUCCEEDED, "green", "blue",
            "nest:42", "sha256:abc", 12_400, Map.of("build", 10_000L), null, null));

    @Test
    void aFailureSaysWhatStayedLiveThenWhy() {
        DeployReport failed = DeployReport.of(new DeployResult("nest", "deploy", Outcome.FAILED_BEFORE_SWITCH, "blue", "blue", null,
                null, 900, Map.of(), Phase.GATE, "nest-green is not healthy"));
        assertEquals("nest: deploy failed in gate; nothing was switched, blue is still live\nnest-green is not healthy",
                Summary.failure(failed));
        DeployReport back = DeployReport.of(new DeployResult("nest", "switch", Outcome.SWITCHED_BACK, "green", "green", null, null,
                900, Map.of(), Phase.VERIFY, null));
        assertEquals("nest: switch failed in verify and traffic went back to green", Summary.failure(back));
        DeployReport first = DeployReport.of(new DeployResult(null, "deploy", Outcome.FAILED_BEFORE_SWITCH, null, null, null,
                null, 0, Map.of(), Phase.SPEC, null));
        assertEquals("the app: deploy failed in spec; nothing was switched", Summary.of(first));
    }

    @Test
    void aFailureThatCouldNotBeMadeSafeNamesThePipelinesWayToLook() {
        DeployReport unsafe = DeployReport.of(new DeployResult("nest", "deploy", Outcome.FAILED, "green", "blue", null, null,
                900, Map.of(), Phase.SWITCH, null));
        String said = Summary.of(unsafe);
        assertTrue(said.contains("protostarVerify"), said);
        assertFalse(said.contains("protostar status"), said);
    }

    @Test
    void problemsAreListedOnePerLine() {
        List<String> lines = Summary.problems(VerifyReport.of(new VerifyResult("nest", "blue", List.of("nginx answers green", "nest-blue is not running"), 0)));
        assertEquals(List.of("nest: verify found 2 problem(s):", "  - nginx answers green", "  - nest-blue is not running"), lines);
        assertEquals("[protostar] nest: verify found 2 problem(s):", Summary.logLine(lines.get(0)));
    }

    @Test
    void theSuccessLineNamesColorImageAndTime() {
        assertTrue(Summary.of(OK).startsWith("nest: green is live (nest:42) after 12.40 s"));
        assertEquals("nest: blue is live and answers through nginx",
                Summary.live(new VerifyReport("nest", "blue", new ArrayList<>(), 5)));
    }

    @Test
    void aLockReleaseIsSaidPerEngine() {
        ArrayList<ReleaseReport.Engine> engines = new ArrayList<>(List.of(
                new ReleaseReport.Engine("unix:///var/run/docker.sock", ReleaseReport.State.RELEASED, "job/nest/7/ on a1 since t"),
                new ReleaseReport.Engine("tcp://b:2376", ReleaseReport.State.HELD_BY_ANOTHER, "job/nest/9/ on a2 since t"),
                new ReleaseReport.Engine("tcp://c:2376", ReleaseReport.State.NOT_HELD, null)));
        ReleaseReport r = new ReleaseReport(engines, null);
        assertFalse(r.released(), "a lock left to another holder fails the step");
        assertEquals(List.of("unix:///var/run/docker.sock: released the lock held by job/nest/7/ on a1 since t",
                "tcp://b:2376: not released: the lock is held by job/nest/9/ on a2 since t, not by job/nest/7/",
                "tcp://c:2376: no deploy lock was held"), ProtostarReleaseLockStep.lines(r, "job/nest/7/"));
        assertEquals(List.of("no spec"), ProtostarReleaseLockStep.lines(new ReleaseReport(null, "no spec"), null));
    }
}
