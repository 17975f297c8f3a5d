package dev.protostar.jenkins.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.HistoryEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decision a deploy or switch makes after a controller restart, from the app's history on the engine. */
class AfterRestartTest {
    private static final String BUILD = "https://ci.example/job/nest/12/";
    private static final long STARTED = Instant.parse("2026-01-14T09:30:00Z").toEpochMilli();

    @Test
    void theNewestRecordOfThisBuildAndActionSinceTheStepStartedIsItsOwn() {
        HistoryEntry earlierBuild = entry("d-1", "2026-01-14T09:31:00Z", "deploy", "SUCCEEDED", "https://ci.example/job/nest/11/");
        HistoryEntry mine = entry("d-2", "2026-01-14T09:31:30Z", "deploy", "SWITCHED_BACK", BUILD);
        HistoryEntry otherAction = entry("s-1", "2026-01-14T09:32:00Z", "switch", "SUCCEEDED", BUILD);
        HistoryEntry otherJob = entry("d-3", "2026-01-14T09:33:00Z", "deploy", "SUCCEEDED", "https://ci.example/job/rollback/4/");
        assertSame(mine, AfterRestart.pick(List.of(earlierBuild, mine, otherAction, otherJob), BUILD, "deploy", STARTED));
        assertSame(otherAction, AfterRestart.pick(List.of(earlierBuild, mine, otherAction, otherJob), BUILD, "switch", STARTED));
    }

    /** An earlier step of the same build (a deploy before this one) is not this step's, unless the clocks may disagree. */
    @Test
    void aRecordFromBeforeTheStepStartedIsNotItsOwn() {
        HistoryEntry before = entry("d-1", "2026-01-14T09:20:00Z", "deploy", "SUCCEEDED", BUILD);
        assertNull(AfterRestart.pick(List.of(before), BUILD, "deploy", STARTED));
        HistoryEntry skewed = entry("d-2", "2026-01-14T09:29:00Z", "deploy", "SUCCEEDED", BUILD);
        assertSame(skewed, AfterRestart.pick(List.of(skewed), BUILD, "deploy", STARTED), "the Docker host's clock may be behind");
        HistoryEntry noTime = entry("d-3", "yesterday", "deploy", "SUCCEEDED", BUILD);
        assertNull(AfterRestart.pick(List.of(noTime), BUILD, "deploy", STARTED));
    }

    @Test
    void aRecordBecomesTheStepsResult() {
        DeployReport r = AfterRestart.report(entry("d-2", "2026-01-14T09:31:30Z", "deploy", "SUCCEEDED", BUILD));
        assertEquals(new DeployReport("nest", "deploy", "SUCCEEDED", "green", "blue", "nest:7", "sha256:abc", 5200, null, null,
                "unix:///var/run/docker.sock"), r);
        assertTrue(r.ok());
        assertEquals("nest → green (image nest:7, 5.2 s)", BadgeModel.of(r).tooltip());
    }

    @Test
    void theVerdictSaysWhatIsKnown() {
        DeployReport found = AfterRestart.report(entry("d-2", "2026-01-14T09:31:30Z", "deploy", "FAILED_BEFORE_SWITCH", BUILD));
        assertEquals(AfterRestart.Verdict.RECORDED, AfterRestart.verdict(new ResumeReport(found, false, null)));
        assertEquals(AfterRestart.Verdict.STILL_RUNNING, AfterRestart.verdict(new ResumeReport(null, true, null)));
        assertEquals(AfterRestart.Verdict.NOT_RECORDED, AfterRestart.verdict(new ResumeReport(null, false, null)));
        assertEquals(AfterRestart.Verdict.UNREADABLE, AfterRestart.verdict(new ResumeReport(null, false, "no answer from tcp://main:2376")));
    }

    /** The engine may still be finishing, or the agent reconnecting: look again for a while, then say so. */
    @Test
    void onlyARunningEngineOrAnUnreadableHistoryIsWaitedFor() {
        assertTrue(AfterRestart.lookAgain(AfterRestart.Verdict.STILL_RUNNING, 0));
        assertTrue(AfterRestart.lookAgain(AfterRestart.Verdict.UNREADABLE, 0));
        assertFalse(AfterRestart.lookAgain(AfterRestart.Verdict.RECORDED, 0));
        assertFalse(AfterRestart.lookAgain(AfterRestart.Verdict.NOT_RECORDED, 0));
        assertFalse(AfterRestart.lookAgain(AfterRestart.Verdict.STILL_RUNNING, AfterRestart.ATTEMPTS - 1));
    }

    /** The agent side, without Docker: a spec it cannot read is a problem in words, not an exception across the channel. */
    @Test
    void anUnreadableHistoryIsReportedInWords() {
        ResumeReport r = new HistoryCall(BUILD, "deploy", STARTED).run(java.nio.file.Path.of("no-such-dir/protostar.yml"), null,
                List.of(), dev.protostar.core.api.Advice.COMMAND_LINE, e -> {});
        assertEquals(AfterRestart.Verdict.UNREADABLE, AfterRestart.verdict(r));
        assertTrue(r.problem().contains("there is no spec file"), r.problem());
    }

    private static HistoryEntry entry(String id, String at, String action, String outcome, String owner) {
        return new HistoryEntry(id, at, "nest", action, outcome, owner, "abc", "green", "blue", "nest:7", "sha256:abc", 5200,
                Map.of(), null, "unix:///var/run/docker.sock");
    }
}
