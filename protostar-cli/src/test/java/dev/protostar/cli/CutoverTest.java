package dev.protostar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.HistoryEntry;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import dev.protostar.core.api.StatusReport;
import dev.protostar.core.engine.Engine;
import dev.protostar.core.state.EngineLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Docker engine, real nginx: the cutover paths of issue 2. */
class CutoverTest {
    @TempDir
    Path tmp;

    @Test
    void firstDeployThenCutoverKeepsThePreviousColorWarm() throws Exception {
        try (Fixture f = new Fixture(tmp, null)) {
            DeployResult first = f.deploy("v1");
            assertEquals(Outcome.SUCCEEDED, first.outcome(), first.error());
            assertEquals("blue", first.color());
            assertNull(first.previousColor());
            assertEquals("200 v1 blue", f.answer());

            DeployResult second = f.deploy("v2");
            assertEquals(Outcome.SUCCEEDED, second.outcome(), second.error());
            assertEquals("green", second.color());
            assertEquals("blue", second.previousColor());
            assertEquals("200 v2 green", f.answer());
            assertTrue(f.running("blue"), "the previous color stays warm for rollback");
            assertTrue(second.phases().keySet().containsAll(List.of("build", "boot", "gate", "switch", "verify", "retire")));

            StatusReport status = Engine.status(f.spec.toString());
            assertEquals("green", status.live());
            List<HistoryEntry> history = Engine.history(f.spec.toString(), 10);
            assertEquals(2, history.size());
            assertEquals("SUCCEEDED", history.get(1).outcome());
            assertTrue(history.get(1).imageId().startsWith("sha256:"));
        }
    }

    @Test
    void unhealthyVersionIsNeverSwitchedToAndIsRemoved() throws Exception {
        try (Fixture f = new Fixture(tmp, null)) {
            assertEquals(Outcome.SUCCEEDED, f.deploy("v1").outcome());
            String before = Files.readString(f.include());

            DeployResult bad = f.deploy("v2-unhealthy");
            assertEquals(Outcome.FAILED_BEFORE_SWITCH, bad.outcome());
            assertEquals(Phase.GATE, bad.failedPhase());
            assertEquals("blue", bad.color(), "blue kept serving");
            assertTrue(bad.error().contains(f.app + "-green did not become healthy"), bad.error());
            assertTrue(bad.error().contains("Docker health log"), bad.error());
            assertEquals("200 v1 blue", f.answer());
            assertFalse(f.exists("green"), "the unhealthy container is removed");
            assertEquals(before, Files.readString(f.include()), "nginx's route did not change");
        }
    }

    @Test
    void failedVerifySwitchesBackAutomatically() throws Exception {
        try (Fixture f = new Fixture(tmp, null)) {
            assertEquals(Outcome.SUCCEEDED, f.deploy("v1").outcome());

            DeployResult broken = f.deploy("v2-broken"); // healthy on /health, 404 on /
            assertEquals(Outcome.SWITCHED_BACK, broken.outcome(), broken.error());
            assertEquals(Phase.VERIFY, broken.failedPhase());
            assertEquals("blue", broken.color());
            assertTrue(broken.error().contains("answered 404"), broken.error());
            assertEquals("200 v1 blue", f.answer());
            assertFalse(f.exists("green"));
        }
    }

    /**
     * nginx retries a 502 on the backup (the old color) and the include's color header still says the
     * new color: only the upstream address tells. Such a release must be switched back.
     */
    @Test
    void aReleaseTheBackupAnswersForIsNotTakenForTheNewColor() throws Exception {
        try (Fixture f = new Fixture(tmp, "retire:\n  drain: 1s\nverify:\n  path: /cgi-bin/status\n")) {
            assertEquals(Outcome.SUCCEEDED, f.deploy("v1").outcome());
            DeployResult r = f.deploy("v2-502");
            assertEquals(Outcome.SWITCHED_BACK, r.outcome(), r.error());
            assertTrue(r.error().contains("nginx fell back to another upstream"), r.error());
            assertEquals("200 v1 blue", f.answer());
            assertFalse(f.exists("green"));
        }
    }

    @Test
    void rollbackToPreviousIsHealthGatedAndFast() throws Exception {
        try (Fixture f = new Fixture(tmp, null)) {
            assertEquals(Outcome.SUCCEEDED, f.deploy("v1").outcome());
            assertEquals(Outcome.SUCCEEDED, f.deploy("v2").outcome());

            DeployResult back = f.switchTo("previous");
            assertEquals(Outcome.SUCCEEDED, back.outcome(), back.error());
            assertEquals("blue", back.color());
            assertEquals("200 v1 blue", f.answer());
            assertTrue(f.running("green"), "the color rolled back from stays warm");
            assertFalse(back.phases().containsKey("build"));

            DeployResult forward = f.switchTo("green");
            assertEquals(Outcome.SUCCEEDED, forward.outcome(), forward.error());
            assertEquals("200 v2 green", f.answer());
        }
    }

    @Test
    void switchToAColorWithoutAContainerChangesNothing() throws Exception {
        try (Fixture f = new Fixture(tmp, null)) {
            assertEquals(Outcome.SUCCEEDED, f.deploy("v1").outcome());
            DeployResult r = f.switchTo("previous");
            assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome());
            assertTrue(r.error().contains("no " + f.app + "-green container"), r.error());
            assertEquals("200 v1 blue", f.answer());
        }
    }

    @Test
    void aLockHeldByAnotherOwnerIsNamedAndNothingChanges() throws Exception {
        try (Fixture f = new Fixture(tmp, null)) {
            assertEquals(Outcome.SUCCEEDED, f.deploy("v1").outcome());
            try (EngineLock held = EngineLock.acquire(f.docker, f.app, "https://ci.example/job/nest/42/", Duration.ofMinutes(5))) {
                DeployResult r = f.deploy("v2");
                assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome());
                assertEquals(Phase.LOCK, r.failedPhase());
                assertTrue(r.error().contains("https://ci.example/job/nest/42/"), r.error());
                assertFalse(f.exists("green"));
                assertEquals("200 v1 blue", f.answer());
            }
            assertEquals(Outcome.SUCCEEDED, f.deploy("v2").outcome(), "released lock lets the next deploy run");
        }
    }

    @Test
    void nginxRejectingTheConfigRestoresThePreviousInclude() throws Exception {
        try (Fixture f = new Fixture(tmp, null)) {
            assertEquals(Outcome.SUCCEEDED, f.deploy("v1").outcome());
            String before = Files.readString(f.include());
            Path broken = f.nginx.includeDir().resolve("zz-hand-edit.conf");
            Files.writeString(broken, "upstream oops { server 127.0.0.1:1 max_fails=abc; }\n");

            DeployResult r = f.deploy("v2");
            assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome());
            assertEquals(Phase.SWITCH, r.failedPhase());
            assertTrue(r.error().contains("max_fails=abc"), r.error());
            assertEquals(before, Files.readString(f.include()));
            assertEquals("200 v1 blue", f.answer());
            assertFalse(f.exists("green"));

            Files.delete(broken);
            assertEquals(Outcome.SUCCEEDED, f.deploy("v2").outcome());
        }
    }

    @Test
    void aBadSpecChangesNothingAndNamesTheLine() throws Exception {
        try (Fixture f = new Fixture(tmp, null)) {
            Files.writeString(f.spec, Files.readString(f.spec) + "healthcheck:\n  path: /\n");
            DeployResult r = f.deploy("v1");
            assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome());
            assertEquals(Phase.SPEC, r.failedPhase());
            assertTrue(r.error().contains("healthcheck: unknown field"), r.error());
            assertTrue(r.error().matches("(?s)protostar\\.yml:\\d+:1: .*"), r.error());
            assertTrue(f.containers().isEmpty());
            assertFalse(Files.exists(f.include()));
        }
    }
}
