package dev.protostar.cli.faults;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.cli.Fixture;
import dev.protostar.cli.demo.SampleApp;
import dev.protostar.core.api.DeployRequest;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Event;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import dev.protostar.core.docker.Exec;
import dev.protostar.core.engine.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fault 1: the new version never becomes healthy; or it is healthy, then crashes while the deploy verifies it. */
class UnhealthyVersionFaultTest {
    @TempDir
    Path tmp;

    @Test
    void aVersionThatNeverBecomesHealthyIsNeverSwitchedTo() throws Exception {
        try (Fixture f = new Fixture(tmp, null)) {
            assertEquals(Outcome.SUCCEEDED, f.deploy("v1").outcome());
            try (FaultRun run = FaultRun.start("unhealthy-version", FaultRun.Target.of(f))) {
                DeployResult r = f.deploy("v2-unhealthy"); // never serves /health; Docker's HEALTHCHECK fails too
                run.finish();
                run.noRequestFailed().servedOnlyBy("blue").lockFree().unchanged();
                assertFalse(f.exists("green"), "the unhealthy container was removed");
                run.error(r, Outcome.FAILED_BEFORE_SWITCH, Phase.GATE, f.app + "-green did not become healthy",
                        "blue is still live", "last log lines of " + f.app + "-green");
            }
        }
    }

    /**
     * The new version passes the gate and the switch, then crashes as verify starts (the deploy's listener holds
     * verify back until the container has exited, so the crash lands in verify every time). The app's start script
     * gets a "-crash" version: httpd in the background and the shell (PID 1) exiting once /run/crash exists, also on
     * every restart Docker makes, like an app that dies on its first real traffic.
     */
    @Test
    void aVersionThatCrashesDuringVerifyIsSwitchedBack() throws Exception {
        try (Fixture f = new Fixture(tmp, null)) {
            addCrashingVersion(f.source);
            assertEquals(Outcome.SUCCEEDED, f.deploy("v1").outcome());
            String green = f.app + "-green";
            try (FaultRun run = FaultRun.start("crash-during-verify", FaultRun.Target.of(f))) {
                SampleApp.setVersion(f.source, "v2-crash");
                AtomicReference<String> crashed = new AtomicReference<>("verify never started");
                DeployResult r = Engine.deploy(new DeployRequest(f.spec.toString(), null, "test", "v2-crash"), e -> {
                    if (e.kind() == Event.Kind.STARTED && e.phase() == Phase.VERIFY) {
                        crashed.set(crash(f, green));
                    }
                });
                run.finish();
                assertEquals("crashed", crashed.get());
                // The crash cuts what green was sending at that instant; every other request must be answered.
                run.noRequestFailedButOneCutInFlightPerClient().lockFree().unchanged();
                assertTrue(run.servedBy().get(f.app).containsKey("blue"), run.servedBy().toString());
                assertFalse(f.exists("green"), "the crashed container was removed");
                // The cause (the crash), what to do, and the crashed container's logs, kept before it is removed.
                assertAll(() -> run.error(r, Outcome.SWITCHED_BACK, Phase.VERIFY, "verify through nginx failed", "traffic is back on blue"),
                        () -> assertTrue(r.error().contains(green + " exited") || r.error().contains(green + " is exited")
                                        || r.error().contains(green + " stopped") || r.error().contains(green + " is restarting"),
                                "the error says that " + green + " crashed:\n" + r.error()),
                        () -> assertTrue(r.error().contains("protostar-sample crashed"),
                                "the error carries the crashed container's last log lines:\n" + r.error()),
                        // blue's container answered (its body says so); nginx's color header still named green
                        () -> assertFalse(r.error().contains("answered by a 200 from " + f.app + " green"),
                                "the error does not say green answered when its backup blue did:\n" + r.error()));
            }
        }
    }

    /** Touches /run/crash in the container, then waits until Docker no longer reports it running. */
    private static String crash(Fixture f, String container) {
        Exec.Result touched = Exec.run(f.docker, container, List.of("touch", "/run/crash"), Duration.ofSeconds(10));
        if (touched.exitCode() != 0) {
            return "could not trigger the crash: " + touched.output();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!f.running("green")) {
                return "crashed";
            }
            FaultRun.pause(20);
        }
        return "still running 10 s after the crash was triggered";
    }

    /** A "-crash" version in the sample app's start script; every other version starts as before. */
    static void addCrashingVersion(Path source) throws Exception {
        Path start = source.resolve("start.sh");
        String script = Files.readString(start);
        String serve = "exec httpd -f -p 8080 -h /srv";
        assertTrue(script.contains(serve), "the sample app's start script still ends with: " + serve);
        Files.writeString(start, script.replace(serve, """
                case "$version" in
                  *-crash)
                    if [ -e /run/crash ]; then echo "protostar-sample crashed (again)"; exit 3; fi
                    httpd -p 8080 -h /srv
                    while [ ! -e /run/crash ]; do sleep 0.05; done
                    echo "protostar-sample crashed"
                    exit 3 ;;
                esac
                """ + serve));
    }
}
