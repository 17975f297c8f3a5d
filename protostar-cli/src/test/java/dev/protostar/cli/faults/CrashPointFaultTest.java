package dev.protostar.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.cli.Fixture;
import dev.protostar.cli.demo.SampleApp;
import dev.protostar.core.engine.DeployResult;
import dev.protostar.core.engine.Engine;
import dev.protostar.core.engine.EventListener;
import dev.protostar.core.engine.Outcome;
import dev.protostar.core.engine.VerifyResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's crash points: a deploy killed at every step of the change protocol (not only per phase), under load.
 * Then a second app on the same nginx changes its route (its reload must not make the unfinished change live),
 * then the next command on the app ({@code switch --to previous}, which needs the warm previous color to have
 * survived) repairs what was left, and a deploy after it ends in a clean verify with two colors and nothing aside.
 */
class CrashPointFaultTest {
    /** A step, and whether the killed deploy's color is what nginx serves afterwards (it was confirmed, then died). */
    private record Point(String step, boolean switchedBeforeDeath, boolean failingVerify) {}

    private static final List<Point> POINTS = List.of(
            new Point("deploy.intended", false, false),
            new Point("deploy.asideRenamed", false, false),
            new Point("deploy.renamed", false, false),
            new Point("switch.recorded", false, false),
            new Point("switch.renamed", false, false),
            new Point("switch.reloaded", false, false), // reloaded but its record not yet cleared: the next change undoes it
            new Point("switch.confirmed", true, false), // switched and confirmed, killed before verify: completed by the next
            new Point("switchback.renamed", false, true),
            new Point("switchback.reloaded", false, true));

    @TempDir
    Path tmp;

    @Test
    void aDeployKilledAtAnyStepIsUndoneOrCompletedAndNeverLeaksThroughAnotherAppsReload() throws Exception {
        try (Fixture f = new Fixture(tmp.resolve("a"), "retire:\n  drain: 1s\n");
             Fixture sibling = f.sibling(tmp.resolve("b"))) {
            Path failingVerify = f.source.resolve("protostar-failing-verify.yml");
            Files.writeString(failingVerify, Files.readString(f.spec) + "verify:\n  path: /no-such-page\n");
            assertEquals(Outcome.SUCCEEDED, f.deploy("v1").outcome());
            assertEquals(Outcome.SUCCEEDED, f.deploy("v2").outcome());
            assertEquals(Outcome.SUCCEEDED, sibling.deploy("s1").outcome());
            Map<String, String> version = new HashMap<>(Map.of("blue", "v1", "green", "v2"));
            String live = "green";
            int n = 2;
            List<String> outcomes = new ArrayList<>();
            for (Point point : POINTS) {
                String idle = other(live);
                String killed = "v" + (++n);
                try (FaultRun run = FaultRun.start("killed-at-" + point.step(), FaultRun.Target.of(f), FaultRun.Target.of(sibling))) {
                    SampleApp.setVersion(f.source, killed);
                    Process p = DeployProcess.start((point.failingVerify() ? failingVerify : f.spec).toString(), killed, point.step());
                    assertEquals(137, exitOf(p), point.step() + ": the deploy stopped at its crash point");
                    String afterKill = f.answer();

                    DeployResult other = sibling.deploy("s" + n);
                    assertEquals(Outcome.SUCCEEDED, other.outcome(), point.step() + ": " + other.error());
                    String expectedLive = point.switchedBeforeDeath() ? "200 " + killed + " " + idle : "200 " + version.get(live) + " " + live;
                    assertEquals(expectedLive, f.answer(), point.step() + ": after the second app's reload (right after the kill: "
                            + afterKill + ")");

                    DeployResult back = f.switchTo("previous");
                    assertEquals(Outcome.SUCCEEDED, back.outcome(), point.step() + ": " + back.error());
                    if (point.switchedBeforeDeath()) {
                        version.put(idle, killed);
                        assertEquals("200 " + version.get(live) + " " + live, f.answer(), point.step());
                    } else {
                        assertEquals("200 " + version.get(idle) + " " + idle, f.answer(),
                                point.step() + ": the warm previous color survived the killed deploy");
                        live = idle;
                    }
                    String next = "v" + (++n);
                    DeployResult deployed = f.deploy(next);
                    assertEquals(Outcome.SUCCEEDED, deployed.outcome(), point.step() + ": " + deployed.error());
                    live = other(live);
                    version.put(live, next);
                    assertEquals("200 " + next + " " + live, f.answer());
                    VerifyResult v = Engine.verify(f.spec.toString(), EventListener.NONE);
                    assertEquals(List.of(), v.problems(), point.step() + ": verify after the repair");
                    assertEquals(2, f.containers().size(), point.step() + ": two colors, nothing aside: " + names(f));
                    assertTrue(pendingRecords(f).isEmpty(), point.step() + ": no pending record left: " + pendingRecords(f));
                    run.finish();
                    run.noRequestFailed().lockFree();
                    outcomes.add(point.step() + " ok");
                }
            }
            assertEquals(POINTS.size(), outcomes.size());
        }
    }

    /**
     * A deploy paused (SIGSTOP) right after its switch, past its lease: another deploy takes the lock over and deploys.
     * When the first resumes, its verify fails (the other's color answers) and its switch-back is refused by the fence,
     * so nginx keeps serving the second deploy's color: no 502, no false "traffic is back".
     */
    @Test
    void aPausedHolderThatComesBackChangesNothing() throws Exception {
        try (Fixture f = new Fixture(tmp.resolve("p"), "retire:\n  drain: 1s\nlock:\n  lease: 10s\n")) {
            assertEquals(Outcome.SUCCEEDED, f.deploy("v1").outcome());
            assertEquals(Outcome.SUCCEEDED, f.deploy("v2").outcome());
            try (FaultRun run = FaultRun.start("paused-holder", FaultRun.Target.of(f))) {
                SampleApp.setVersion(f.source, "v3");
                Process paused = DeployProcess.start(f.spec.toString(), "v3", "switch.confirmed:pause");
                try {
                    assertTrue(awaitStopped(paused.pid(), 120), "the deploy paused itself after its switch");
                    assertEquals("200 v3 blue", f.answer());
                    Thread.sleep(12_000); // its lease (10 s) lapses; its heartbeat is stopped with it

                    DeployResult second = f.deploy("v4");
                    assertEquals(Outcome.SUCCEEDED, second.outcome(), second.error());
                    assertEquals("200 v4 green", f.answer());

                    new ProcessBuilder("kill", "-CONT", Long.toString(paused.pid())).start().waitFor(10, TimeUnit.SECONDS);
                    String result = resultOf(paused);
                    assertFalse(result.contains("SUCCEEDED"), result);
                } finally {
                    if (paused.isAlive()) {
                        new ProcessBuilder("kill", "-CONT", Long.toString(paused.pid())).start().waitFor(10, TimeUnit.SECONDS);
                        paused.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                    }
                }
                assertEquals("200 v4 green", f.answer(), "the paused deploy changed nothing when it came back");
                VerifyResult v = Engine.verify(f.spec.toString(), EventListener.NONE);
                assertEquals(List.of(), v.problems());
                run.finish();
                run.noRequestFailed().lockFree();
            }
        }
    }

    private static String other(String color) {
        return "blue".equals(color) ? "green" : "blue";
    }

    private static int exitOf(Process p) throws Exception {
        try {
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the deploy ended");
            return p.exitValue();
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static String resultOf(Process p) throws Exception {
        StringBuilder out = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.append(line).append('\n');
            }
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return out.toString();
    }

    /** Waits until the process is stopped (state T in /proc/pid/stat). */
    private static boolean awaitStopped(long pid, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            if (stat.substring(stat.lastIndexOf(')') + 2).startsWith("T")) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static List<String> pendingRecords(Fixture f) throws Exception {
        try (var files = Files.list(f.include().getParent())) {
            return files.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(".pending")).toList();
        }
    }

    private static String names(Fixture f) {
        return f.containers().stream().map(c -> c.getNames()[0] + " " + c.getState()).toList().toString();
    }
}
