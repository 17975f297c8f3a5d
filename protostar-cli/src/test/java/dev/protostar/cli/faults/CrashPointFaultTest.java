package dev.protostar.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.cli.Fixture;
import dev.protostar.cli.NginxContainer;
import dev.protostar.cli.demo.SampleApp;
import dev.protostar.core.api.DeployRequest;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.SwitchRequest;
import dev.protostar.core.api.VerifyResult;
import dev.protostar.core.docker.Docker;
import dev.protostar.core.engine.Engine;
import dev.protostar.core.http.HttpProbe;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's crash points: a deploy killed at every step of the change protocol (not only per phase), under load.
 * Then a second app on the same nginx changes its route (its reload must not make the unfinished change live),
 * then the next command on the app ({@code switch --to previous}, which needs the warm previous color to have
 * survived) repairs what was left, and a deploy after it ends in a clean verify with two colors and nothing aside.
 * {@link CrashPointContainerFaultTest} runs the router's own steps again with nginx in a container (a class of its
 * own, so that the two run in the suite's two forks at once).
 */
class CrashPointFaultTest {
    /** A step, and whether the killed deploy's color is what nginx serves afterwards (it was confirmed, then died). */
    record Point(String step, boolean switchedBeforeDeath, boolean failingVerify) {}

    static final List<Point> POINTS = List.of(
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

    /** One app under test and a second app on the same nginx, for either router kind. */
    record Subject(Path spec, Path source, Callable<String> answer, Callable<DeployResult> sibling, FaultRun.Target target,
                           Callable<List<String>> leftInIncludeDir, Callable<Integer> containers) {
        DeployResult deploy(String version) throws Exception {
            SampleApp.setVersion(source, version);
            return Engine.deploy(new DeployRequest(spec.toString(), null, "test", version), EventListener.NONE);
        }
    }

    @Test
    void aDeployKilledAtAnyStepIsUndoneOrCompletedAndNeverLeaksThroughAnotherAppsReload() throws Exception {
        try (Fixture f = new Fixture(tmp.resolve("a"), "retire:\n  drain: 1s\n");
             Fixture sibling = f.sibling(tmp.resolve("b"))) {
            int[] s = {0};
            survivesEveryPoint(new Subject(f.spec, f.source, f::answer, () -> sibling.deploy("s" + ++s[0]), FaultRun.Target.of(f),
                    () -> pendingRecords(f.include().getParent()), () -> f.containers().size()), POINTS);
        }
    }

    static void survivesEveryPoint(Subject a, List<Point> points) throws Exception {
        Path failingVerify = a.source().resolve("protostar-failing-verify.yml");
        Files.writeString(failingVerify, Files.readString(a.spec()) + "verify:\n  path: /no-such-page\n");
        assertEquals(Outcome.SUCCEEDED, a.deploy("v1").outcome());
        assertEquals(Outcome.SUCCEEDED, a.deploy("v2").outcome());
        assertEquals(Outcome.SUCCEEDED, a.sibling().call().outcome());
        Map<String, String> version = new HashMap<>(Map.of("blue", "v1", "green", "v2"));
        String live = "green";
        int n = 2;
        for (Point point : points) {
            String idle = other(live);
            String killed = "v" + (++n);
            try (FaultRun run = FaultRun.start("killed-at-" + point.step(), a.target())) {
                SampleApp.setVersion(a.source(), killed);
                Process p = DeployProcess.start((point.failingVerify() ? failingVerify : a.spec()).toString(), killed, point.step());
                Ended ended = exitOf(p);
                assertEquals(137, ended.code(), point.step() + ": the deploy stopped at its crash point; it printed:\n" + ended.tail());
                String afterKill = a.answer().call();

                DeployResult other = a.sibling().call();
                assertEquals(Outcome.SUCCEEDED, other.outcome(), point.step() + ": " + other.error());
                String expectedLive = point.switchedBeforeDeath() ? "200 " + killed + " " + idle : "200 " + version.get(live) + " " + live;
                assertEquals(expectedLive, a.answer().call(), point.step() + ": after the second app's reload (right after the kill: "
                        + afterKill + ")");

                DeployResult back = Engine.switchTo(new SwitchRequest(a.spec().toString(), "previous", "test"), EventListener.NONE);
                assertEquals(Outcome.SUCCEEDED, back.outcome(), point.step() + ": " + back.error());
                if (point.switchedBeforeDeath()) {
                    version.put(idle, killed);
                    assertEquals("200 " + version.get(live) + " " + live, a.answer().call(), point.step());
                } else {
                    assertEquals("200 " + version.get(idle) + " " + idle, a.answer().call(),
                            point.step() + ": the warm previous color survived the killed deploy");
                    live = idle;
                }
                String next = "v" + (++n);
                DeployResult deployed = a.deploy(next);
                assertEquals(Outcome.SUCCEEDED, deployed.outcome(), point.step() + ": " + deployed.error());
                live = other(live);
                version.put(live, next);
                assertEquals("200 " + next + " " + live, a.answer().call());
                VerifyResult v = Engine.verify(a.spec().toString(), EventListener.NONE);
                assertEquals(List.of(), v.problems(), point.step() + ": verify after the repair");
                assertEquals(2, a.containers().call(), point.step() + ": two colors, nothing aside");
                assertEquals(List.of(), a.leftInIncludeDir().call(), point.step() + ": no pending record or temp file left");
                run.finish();
                run.noRequestFailed().lockFree();
            }
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

    /** The process's exit code, and the end of what it printed (why it ended elsewhere than its crash point). */
    private record Ended(int code, String output) {
        String tail() {
            return output.substring(Math.max(0, output.length() - 3000));
        }
    }

    private static Ended exitOf(Process p) throws Exception {
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            p.getInputStream().transferTo(out);
            assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the deploy ended");
            return new Ended(p.exitValue(), out.toString(StandardCharsets.UTF_8));
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    static String resultOf(Process p) throws Exception {
        StringBuilder out = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.append(line).append('\n');
            }
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return out.toString();
    }

    /** Waits until the process is stopped (state T in /proc/pid/stat); false if it ends or does not stop in time. */
    static boolean awaitStopped(long pid, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            Path proc = Path.of("/proc/" + pid + "/stat");
            if (!Files.exists(proc)) {
                return false; // it ended without stopping
            }
            String stat;
            try {
                stat = Files.readString(proc);
            } catch (java.nio.file.NoSuchFileException ended) {
                return false;
            }
            if (stat.substring(stat.lastIndexOf(')') + 2).startsWith("T")) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    static List<String> pendingRecords(Path includeDir) throws Exception {
        try (var files = Files.list(includeDir)) {
            return files.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(".pending") || name.endsWith(".tmp")).toList();
        }
    }
}
