package dev.protostar.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.cli.Fixture;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.VerifyResult;
import dev.protostar.core.engine.Engine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault 7: someone edits the include file (without a reload), then stops the live container by hand. verify
 * reports each drift in words, changes nothing itself, and the step it names (switch to the warm backup) recovers.
 */
class HandEditDriftFaultTest {
    @TempDir
    Path tmp;

    @Test
    void verifyReportsAHandEditedIncludeAndAStoppedLiveContainer() throws Exception {
        try (Fixture f = new Fixture(tmp, null)) {
            assertEquals(Outcome.SUCCEEDED, f.deploy("v1").outcome());
            assertEquals(Outcome.SUCCEEDED, f.deploy("v2").outcome()); // green live, blue its warm backup
            assertTrue(Engine.verify(f.spec.toString(), EventListener.NONE).ok());
            try (FaultRun run = FaultRun.start("hand-edit-and-stop-drift", FaultRun.Target.of(f))) {
                // 1. The include is edited by hand and not reloaded.
                String edited = Files.readString(f.include()) + "# tuned by hand\n";
                Files.writeString(f.include(), edited);
                VerifyResult afterEdit = Engine.verify(f.spec.toString(), EventListener.NONE);
                assertFalse(afterEdit.ok());
                String editReport = String.join("\n", afterEdit.problems());
                assertTrue(editReport.contains("protostar-" + f.app + ".conf differs from what Protostar wrote for green"), editReport);
                assertTrue(editReport.contains("edited by hand"), editReport);
                FaultRun.nextStep(editReport);
                assertEquals(edited, Files.readString(f.include()), "verify changed nothing");

                // 2. The live container is stopped by hand: nginx falls back to the warm backup, blue.
                f.stopByHand("green");
                VerifyResult afterStop = Engine.verify(f.spec.toString(), EventListener.NONE);
                assertFalse(afterStop.ok());
                String stopReport = String.join("\n", afterStop.problems());
                System.out.println("verify after the hand edit:\n  " + String.join("\n  ", afterEdit.problems())
                        + "\nverify after the live container was stopped by hand:\n  " + String.join("\n  ", afterStop.problems()));
                assertTrue(stopReport.contains("nginx routes to green, but " + f.app + "-green is exited"), stopReport);
                assertTrue(stopReport.contains("fell back to another upstream"), stopReport);
                assertEquals(edited, Files.readString(f.include()), "verify changed nothing");
                assertFalse(f.running("green"), "verify started nothing");

                // 3. What the deploy says to do: switch to the warm backup (health-gated).
                DeployResult deploy = f.deploy("v3");
                assertEquals(Outcome.FAILED_BEFORE_SWITCH, deploy.outcome());
                assertTrue(deploy.error().contains("switch --to blue first"), deploy.error());
                DeployResult back = f.switchTo("blue");
                assertEquals(Outcome.SUCCEEDED, back.outcome(), back.error());
                run.finish();
                // The hand stop (docker stop -t 1) may kill green in the middle of a response; every request after it
                // went to the backup (a 502 or a refused connection fails here).
                run.noRequestFailedButOneCutInFlightPerClient().lockFree();
                assertEquals("200 v1 blue", f.answer());
                assertTrue(Engine.verify(f.spec.toString(), EventListener.NONE).ok(), "no drift left after the switch");
                // The stopped-container drift says what is wrong and what to do.
                String stopped = afterStop.problems().stream().filter(p -> p.contains("-green is exited")).findFirst().orElseThrow();
                FaultRun.nextStep(stopped);
            }
        }
    }
}
