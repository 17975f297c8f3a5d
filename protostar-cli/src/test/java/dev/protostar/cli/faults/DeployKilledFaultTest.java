package dev.protostar.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.cli.Fixture;
import dev.protostar.cli.demo.SampleApp;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import dev.protostar.core.api.VerifyResult;
import dev.protostar.core.engine.Engine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault 4: the deploy process is SIGKILLed in each phase, under load. The live color keeps serving, and the next
 * deploy recovers: it takes over the dead deploy's lock at once (its process is provably gone), replaces the
 * half-started idle color, clears what the dead deploy had set aside, reads the live color back from nginx and
 * ends with a clean verify.
 */
class DeployKilledFaultTest {
    /** Each phase, and how long after its start the process dies (mid-phase where the phase is long enough). */
    private record Kill(Phase phase, long afterMillis) {}

    private static final List<Kill> KILLS = List.of(new Kill(Phase.BUILD, 150), new Kill(Phase.BOOT, 30), new Kill(Phase.GATE, 150),
            new Kill(Phase.SWITCH, 40), new Kill(Phase.VERIFY, 0), new Kill(Phase.RETIRE, 0));

    @TempDir
    Path tmp;

    @Test
    void aDeployKilledInAnyPhaseLeavesTheLiveColorServingAndTheNextDeployRecovers() throws Exception {
        try (Fixture f = new Fixture(tmp, "retire:\n  drain: 1s\n")) {
            assertEquals(Outcome.SUCCEEDED, f.deploy("v1").outcome());
            int version = 1;
            for (Kill kill : KILLS) {
                String before = f.answer();
                String killed = "v" + (++version);
                String next = "v" + (++version);
                try (FaultRun run = FaultRun.start("deploy-killed-in-" + kill.phase().word(), FaultRun.Target.of(f))) {
                    SampleApp.setVersion(f.source, killed);
                    Process p = DeployProcess.start(f.spec.toString(), killed);
                    boolean reached = killAt(p, kill);
                    assertTrue(reached, "the deploy reached " + kill.phase() + " before it was killed");
                    String after = f.answer();
                    assertTrue(after.equals(before) || after.startsWith("200 " + killed + " "),
                            "nginx serves the old version or, past the switch, the new one: " + after);

                    DeployResult recovered = f.deploy(next);
                    assertEquals(Outcome.SUCCEEDED, recovered.outcome(), "after a kill in " + kill.phase() + ": " + recovered.error());
                    assertTrue(f.answer().startsWith("200 " + next + " "), f.answer());
                    VerifyResult verified = Engine.verify(f.spec.toString(), EventListener.NONE);
                    assertEquals(List.of(), verified.problems(), "verify after recovering from a kill in " + kill.phase());
                    assertEquals(2, f.containers().size(), "two colors and nothing left aside: " + names(f));
                    run.finish();
                    run.noRequestFailed().lockFree();
                }
            }
        }
    }

    /**
     * A deploy died right after it set the standby aside, and later the live container stopped: nginx's backup, the
     * container set aside, serves everything. The next deploy must not retire it; it stops and says what to do.
     */
    @Test
    void aContainerSetAsideThatServesAsTheBackupIsNotRetired() throws Exception {
        try (Fixture f = new Fixture(tmp, "retire:\n  drain: 1s\n")) {
            assertEquals(Outcome.SUCCEEDED, f.deploy("v1").outcome());
            assertEquals(Outcome.SUCCEEDED, f.deploy("v2").outcome()); // green live, blue warm as nginx's backup
            String aside = f.app + "-blue-retiring-20260101-000000-dead";
            f.docker.run("rename", java.time.Duration.ofSeconds(30), () -> f.docker.client().renameContainerCmd(f.app + "-blue")
                    .withName(aside).exec());
            f.stopByHand("green");
            assertEquals("200 v1 blue", f.answer(), "nginx's backup, the container set aside, serves");
            try (FaultRun run = FaultRun.start("backup-set-aside-by-a-dead-deploy", FaultRun.Target.of(f))) {
                DeployResult r = f.deploy("v3");
                FaultRun.pause(1000); // it is refused fast; the load goes on a moment to show nothing changed after
                run.finish();
                run.noRequestFailed().servedOnlyBy("blue").lockFree().unchanged();
                run.error(r, Outcome.FAILED_BEFORE_SWITCH, Phase.DISCOVER, aside, "serves everything");
            }
            assertTrue(f.containers().stream().anyMatch(c -> c.getNames()[0].equals("/" + aside) && "running".equals(c.getState())),
                    "the container that serves is left running");
        }
    }

    /** Reads the process's phases and SIGKILLs it the given time into the given phase; false if it never got there. */
    private static boolean killAt(Process p, Kill kill) throws Exception {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("STARTED " + kill.phase())) {
                    if (kill.afterMillis() > 0) {
                        Thread.sleep(kill.afterMillis());
                    }
                    p.destroyForcibly(); // SIGKILL
                    p.waitFor(30, TimeUnit.SECONDS);
                    return true;
                }
            }
            return false;
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static String names(Fixture f) {
        return f.containers().stream().map(c -> c.getNames()[0] + " " + c.getState()).toList().toString();
    }
}
