package dev.protostar.jenkins.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.EventListener;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the bridge's checks of step arguments and global configuration with a seeded random
 * generator (no fuzzing library: the plugin's build takes no new dependency). Every check answers
 * with null or words, never an exception, and fast; a refused argument never reaches the engine.
 * Counts are printed at the end (grep "bridge fuzz:").
 */
class StepArgumentsFuzzTest {
    private static final long SEED = 0x5EED_6F0D_2026L;
    private static final int ROUNDS = 4_000;
    /**
     * Only tells a hung check from a slow machine: each check's own cost is bounded in CPU time ({@link #bounded});
     * wall time on a loaded 2-core machine (load 35 seen) says nothing about the code.
     */
    private static final Duration HUNG = Duration.ofMinutes(10);
    private static final java.util.Map<String, Integer> COUNTS = new java.util.TreeMap<>();

    @TempDir
    Path ws;

    static final String[] HOSTILE = {
            "a;b", "x { }", "}", "$host", "${x}", "\"q\"", "'q'", "`id`", "$(id)", "a b", "\n", "\r\n", "\u0000", "\u001b[31m",
            "\u2028", "\u202e", "\u0085", "\uD800", "\uD83D\uDE00", "..", "../", "/", "\\", "C:\\", "~", "-v", "--privileged",
            "@/dev/zero", "*", "?", "#", "&a", "*a", "!!python/object:os.system", "<<: *a", "[", "{", "%YAML 1.1", "---",
            "nest", "nest:latest", "sha256:", "previous", "blue", "green", "protostar.yml", "apps/nest/protostar.yml",
            "listen: 8080", "path: /health", "kind: nginx-container", "\t", " ", ":", "- x", "app: x\n"};

    static String randomString(Random r) {
        StringBuilder sb = new StringBuilder();
        int parts = r.nextInt(5);
        for (int i = 0; i < parts; i++) {
            switch (r.nextInt(5)) {
                case 0, 1 -> sb.append(HOSTILE[r.nextInt(HOSTILE.length)]);
                case 2 -> {
                    int n = r.nextInt(12);
                    for (int k = 0; k < n; k++) {
                        sb.appendCodePoint(r.nextInt(4) == 0 ? r.nextInt(0x110000) : 0x20 + r.nextInt(0x5f));
                    }
                }
                case 3 -> sb.append("a-z0.9_/".charAt(r.nextInt(8)));
                default -> sb.append(r.nextInt(50) == 0 ? "x".repeat(5_000 + r.nextInt(300_000)) : "nest");
            }
        }
        String s = sb.toString();
        // Keep lone surrogates only where they were put on purpose: appendCodePoint can make them too.
        return r.nextInt(10) == 0 ? null : s;
    }

    /** A valid spec or defaults section, mutated line by line. */
    static String randomYaml(Random r) {
        String[] seeds = {"app: nest\nport: 3000\nrouter: { listen: 127.0.0.1:8080 }\n",
                "app: nest\nnetwork: web\nrouter:\n  kind: nginx-container\n  container: nginx\n  listen: 80\n",
                "listen: 8080\nserverName: api.example\n", "path: /health\nsuccesses: 2\n", "kind: nginx-container\ncontainer: nginx\n"};
        List<String> lines = new java.util.ArrayList<>(seeds[r.nextInt(seeds.length)].lines().toList());
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n && !lines.isEmpty(); i++) {
            int at = r.nextInt(lines.size());
            String l = lines.get(at);
            switch (r.nextInt(5)) {
                case 0 -> lines.set(at, l.substring(0, Math.max(0, l.indexOf(':') + 1)) + " " + randomString(r));
                case 1 -> lines.remove(at);
                case 2 -> lines.add(at, l);
                case 3 -> lines.add(at, "  ".repeat(r.nextInt(3)) + randomString(r));
                default -> lines.set(at, "[".repeat(r.nextInt(100)) + l);
            }
        }
        return String.join("\n", lines) + "\n";
    }

    /**
     * A check must not work for long on any input (a YAML bomb, a backtracking pattern). Measured in this
     * thread's CPU time: on a loaded machine the wall clock also counts the time other processes had the CPU.
     */
    private static <T> T bounded(String what, Supplier<T> check) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long t0 = threads.getCurrentThreadCpuTime();
        T out = check.get();
        long ms = (threads.getCurrentThreadCpuTime() - t0) / 1_000_000;
        assertTrue(ms < 2_000, what + " worked for " + ms + " ms of CPU time");
        return out;
    }

    private static void wordsOrNull(String what, String problem, Object input) {
        if (problem == null) {
            count(what + ".accepted");
            return;
        }
        count(what + ".refused");
        assertFalse(problem.isBlank(), what + " refused " + input + " without words");
        assertFalse(problem.chars().anyMatch(c -> c < 0x20 && c != '\n' || c == 0x7f), what + " echoed a control character: " + problem);
        assertTrue(problem.length() < 2_000, what + " answered with " + problem.length() + " characters");
    }

    private static synchronized void count(String what) {
        COUNTS.merge(what, 1, Integer::sum);
    }

    @AfterAll
    static void report() {
        System.out.println("bridge fuzz: " + COUNTS);
    }

    @Test
    void specPathsNeverThrowAndNeverLeaveTheWorkspace() {
        assertTimeoutPreemptively(HUNG, () -> {
            Random r = new Random(SEED);
            for (int i = 0; i < ROUNDS; i++) {
                String path = randomString(r);
                count("inputs");
                String problem = bounded("pathProblem", () -> SpecSource.pathProblem(path));
                wordsOrNull("spec path", problem, path);
                if (problem == null && path != null && !path.isBlank()) {
                    Path located = new SpecSource(path, null, null, null, null).locate(ws);
                    assertTrue(located.startsWith(ws), path + " left the workspace: " + located);
                }
            }
        });
    }

    @Test
    void stepArgumentsNeverThrowAndNameTheArgument() {
        Path nowhere = ws.resolve("no-such-spec.yml"); // an argument that passes gets as far as the spec, which is not there
        assertTimeoutPreemptively(HUNG, () -> {
            Random r = new Random(SEED + 1);
            for (int i = 0; i < ROUNDS; i++) {
                String a = randomString(r);
                String b = randomString(r);
                String c = randomString(r);
                count("inputs");
                // The engine checks a step's arguments before it reads the spec: a refusal names the argument.
                DeployReport d = bounded("deploy", () -> new DeployCall(a, c, b).run(nowhere, null, List.of(), dev.protostar.core.api.Advice.COMMAND_LINE, EventListener.NONE));
                if (!d.error().contains(nowhere.getFileName().toString())) {
                    assertTrue(d.error().startsWith("image: ") || d.error().startsWith("revision: ") || d.error().startsWith("owner: "),
                            d.error());
                    wordsOrNull("deploy arguments", d.error(), a + " " + b + " " + c);
                }
                DeployReport s = bounded("switch", () -> new SwitchCall(a, c).run(nowhere, null, List.of(), dev.protostar.core.api.Advice.COMMAND_LINE, EventListener.NONE));
                if (!s.error().contains(nowhere.getFileName().toString())) {
                    assertTrue(s.error().startsWith("to: ") || s.error().startsWith("owner: "), s.error());
                    wordsOrNull("switch arguments", s.error(), a + " " + c);
                }
                wordsOrNull("shared spec name", bounded("name", () -> SpecCheck.name(a)), a);
            }
        });
    }

    @Test
    void globalConfigurationChecksNeverThrow() {
        assertTimeoutPreemptively(HUNG, () -> {
            Random r = new Random(SEED + 2);
            for (int i = 0; i < ROUNDS; i++) {
                String yaml = r.nextBoolean() ? randomYaml(r) : randomString(r);
                String name = r.nextBoolean() ? "nest" : randomString(r);
                count("inputs");
                wordsOrNull("shared spec", bounded("sharedSpec", () -> SpecCheck.sharedSpec(name, yaml)), yaml);
                wordsOrNull("router defaults", bounded("section", () -> SpecCheck.section("router", yaml)), yaml);
                wordsOrNull("health defaults", bounded("section", () -> SpecCheck.section("health", yaml)), yaml);
                String spec = randomYaml(r);
                String applied = bounded("apply", () -> SpecDefaults.apply(spec, yaml, r.nextBoolean() ? yaml : null));
                assertNotNull(applied);
                assertTrue(applied.startsWith(spec), "the defaults changed what the spec says:\n" + spec + "\n->\n" + applied);
            }
        });
    }

    @Test
    void aRefusedArgumentNeverReachesTheEngine() {
        Path nowhere = ws.resolve("no-such-spec.yml"); // were it read, the refusal would be about the spec instead
        for (String image : List.of("nest --privileged", "../containers/x/kill?signal=KILL#", "nest$1", "a\nb")) {
            DeployReport d = new DeployCall(image, "https://ci.example/job/x/1/", "abc").run(nowhere, null, List.of(), dev.protostar.core.api.Advice.COMMAND_LINE, EventListener.NONE);
            assertEquals("FAILED_BEFORE_SWITCH", d.outcome());
            assertEquals("spec", d.failedPhase());
            assertTrue(d.error().startsWith("image: "), d.error());
            assertTrue(d.error().endsWith("Nothing on the server was changed."), d.error());
        }
        DeployReport rev = new DeployCall(null, "owner", "v1\u001b[2J").run(nowhere, null, List.of(), dev.protostar.core.api.Advice.COMMAND_LINE, EventListener.NONE);
        assertTrue(rev.error().startsWith("revision: "), rev.error());
        DeployReport to = new SwitchCall("purple; id", "owner").run(nowhere, null, List.of(), dev.protostar.core.api.Advice.COMMAND_LINE, EventListener.NONE);
        assertTrue(to.error().startsWith("to: must be previous, blue or green"), to.error());
        DeployReport owner = new SwitchCall("previous", "x\nforged").run(nowhere, null, List.of(), dev.protostar.core.api.Advice.COMMAND_LINE, EventListener.NONE);
        assertTrue(owner.error().startsWith("owner: "), owner.error());
        assertFalse(owner.error().contains("x\nforged"), owner.error());
    }
}
