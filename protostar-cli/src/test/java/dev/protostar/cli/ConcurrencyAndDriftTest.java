package dev.protostar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.DeployRequest;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import dev.protostar.core.api.VerifyResult;
import dev.protostar.core.engine.Engine;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrencyAndDriftTest {
    @TempDir
    Path tmp;

    @Test
    void twoDeploysOfOneAppAtOnceRunOneAtATime() throws Exception {
        try (Fixture f = new Fixture(tmp, null)) {
            assertEquals(Outcome.SUCCEEDED, f.deploy("v1").outcome());
            assertEquals(Outcome.SUCCEEDED, f.deploy("v2-noop").outcome()); // green; also warms the build cache
            List<DeployResult> results = Fixture.atOnce(
                    new DeployRequest(f.spec.toString(), null, "ci-a", null), new DeployRequest(f.spec.toString(), null, "ci-b", null));
            long succeeded = results.stream().filter(DeployResult::ok).count();
            assertEquals(1, succeeded, "exactly one deploy ran: " + results);
            DeployResult refused = results.stream().filter(r -> !r.ok()).findFirst().orElseThrow();
            assertEquals(Phase.LOCK, refused.failedPhase(), refused.error());
            assertTrue(refused.error().contains("locked by ci-"), refused.error());
            DeployResult winner = results.stream().filter(DeployResult::ok).findFirst().orElseThrow();
            assertEquals("blue", winner.color());
            assertEquals("200 v2-noop blue", f.answer(), "the winning deploy switched traffic");
        }
    }

    @Test
    void verifyNamesALiveContainerStoppedByHand() throws Exception {
        try (Fixture f = new Fixture(tmp, null)) {
            assertEquals(Outcome.SUCCEEDED, f.deploy("v1").outcome());
            assertTrue(Engine.verify(f.spec.toString(), EventListener.NONE).ok());

            f.stopByHand("blue");
            VerifyResult r = Engine.verify(f.spec.toString(), EventListener.NONE);
            assertFalse(r.ok());
            assertTrue(r.problems().get(0).contains("nginx routes to blue, but " + f.app + "-blue is exited"), r.problems().toString());
            assertTrue(r.problems().size() >= 2, "and requests through nginx fail: " + r.problems());
        }
    }

    @Test
    void anIncludeChangedWithoutAReloadStopsTheDeployBeforeItTouchesTheServingColor() throws Exception {
        try (Fixture f = new Fixture(tmp, null)) {
            assertEquals(Outcome.SUCCEEDED, f.deploy("v1").outcome());
            String blueRoute = java.nio.file.Files.readString(f.include());
            assertEquals(Outcome.SUCCEEDED, f.deploy("v2").outcome());
            java.nio.file.Files.writeString(f.include(), blueRoute); // says blue; nginx still serves green

            DeployResult r = f.deploy("v3");
            assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome());
            assertEquals(Phase.DISCOVER, r.failedPhase());
            assertTrue(r.error().contains("nginx serves green but its include file names blue"), r.error());
            assertEquals("200 v2 green", f.answer());
            assertTrue(f.running("green"));
        }
    }

    /** Two apps behind one nginx, deployed at the same moment from one JVM (as Jenkins would): both end right. */
    @Test
    void twoAppsDeployAtOnceBehindOneNginx() throws Exception {
        try (Fixture a = new Fixture(tmp.resolve("a"), null); Fixture b = a.sibling(tmp.resolve("b"))) {
            for (String v : List.of("v1", "v2")) {
                dev.protostar.cli.demo.SampleApp.setVersion(a.source, v);
                dev.protostar.cli.demo.SampleApp.setVersion(b.source, v);
                for (DeployResult result : Fixture.atOnce(new DeployRequest(a.spec.toString(), null, "ci", v),
                        new DeployRequest(b.spec.toString(), null, "ci", v))) {
                    assertEquals(Outcome.SUCCEEDED, result.outcome(), result.error());
                }
            }
            assertEquals("200 v2 green", a.answer());
            assertEquals("200 v2 green", b.answer());
        }
    }

    /** The live container died, so nginx serves from its backup: a deploy must not replace that backup. */
    @Test
    void aDeployRefusesToReplaceTheBackupThatServesWhileTheLiveColorIsDown() throws Exception {
        try (Fixture f = new Fixture(tmp, null)) {
            assertEquals(Outcome.SUCCEEDED, f.deploy("v1").outcome());
            assertEquals(Outcome.SUCCEEDED, f.deploy("v2").outcome());
            f.stopByHand("green");

            DeployResult r = f.deploy("v3");
            assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome());
            assertTrue(r.error().contains("switch --to blue first"), r.error());
            assertTrue(f.running("blue"), "the serving backup was left alone");
            assertTrue(f.answer().startsWith("200 v1 "), f.answer());

            assertEquals(Outcome.SUCCEEDED, f.switchTo("blue").outcome());
            assertEquals(Outcome.SUCCEEDED, f.deploy("v3").outcome());
            assertEquals("200 v3 green", f.answer());
        }
    }

    /** A listener that fails (say, a closed Jenkins channel) does not change what the engine does. */
    @Test
    void aFailingListenerDoesNotDisturbTheDeploy() throws Exception {
        try (Fixture f = new Fixture(tmp, null)) {
            DeployResult r = Engine.deploy(new DeployRequest(f.spec.toString(), null, "test", "v1"), e -> {
                throw new IllegalStateException("channel closed");
            });
            assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
            assertEquals("200 v1 blue", f.answer());
        }
    }

    /** The live container was removed by hand and nothing else runs: a deploy is the way out, not a dead end. */
    @Test
    void aDeployRecoversWhenTheLiveContainerIsGoneAndNothingServes() throws Exception {
        try (Fixture f = new Fixture(tmp, null)) {
            assertEquals(Outcome.SUCCEEDED, f.deploy("v1").outcome());
            f.removeByHand("blue");
            DeployResult r = f.deploy("v2");
            assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
            assertEquals("200 v2 green", f.answer());
        }
    }

    /** With nginx down, what it serves cannot be checked: nothing is touched. */
    @Test
    void aDeployWithNginxDownChangesNothing() throws Exception {
        try (Fixture f = new Fixture(tmp, null)) {
            assertEquals(Outcome.SUCCEEDED, f.deploy("v1").outcome());
            f.nginx.stop();
            DeployResult r = f.deploy("v2");
            assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome());
            assertEquals(Phase.DISCOVER, r.failedPhase());
            assertTrue(r.error().contains("nginx does not accept connections"), r.error());
            assertTrue(f.running("blue"));
            assertFalse(f.exists("green"));
        }
    }
}
