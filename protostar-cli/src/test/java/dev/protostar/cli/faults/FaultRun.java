package dev.protostar.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.cli.Fixture;
import dev.protostar.cli.Load;
import dev.protostar.cli.NginxContainer;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.LockHolder;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import dev.protostar.core.api.VerifyRequest;
import dev.protostar.core.docker.Docker;
import dev.protostar.core.engine.Engine;
import dev.protostar.core.http.HttpProbe;
import dev.protostar.core.state.EngineLock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One injected fault, measured: bounded load through nginx on 127.0.0.1 for the whole time the fault
 * and the deploy (or verify) run, then the checks every fault must pass. How a fault test goes:
 *
 * <pre>
 * deploy v1 (blue) with the fixture;
 * try (FaultRun run = FaultRun.start("unhealthy-version", Target.of(f))) {   // snapshots, starts the load
 *     ...inject the fault...
 *     DeployResult r = f.deploy("v2-unhealthy");                           // the action under the fault
 *     run.finish();                                                         // stops the load, prints the FAULT line
 *     run.noRequestFailed().servedOnlyBy("blue").lockFree().unchanged();
 *     run.error(r, Outcome.FAILED_BEFORE_SWITCH, Phase.GATE, "did not become healthy");
 * }
 * </pre>
 *
 * <ul>
 * <li>{@link Target} is one app: its spec (for {@link Engine#lockStatus}), where nginx serves it, how to read its
 *     include (a host file or {@code cat} in the nginx container), and any further engine locks that must end up
 *     free (the container router's {@code router.<container>} lock). Several targets get one load each.</li>
 * <li>The load is {@link Load}: two fresh-connection and two keep-alive clients per target, 1 request in 5 a 0.3 s
 *     one, stopped at {@link #MAX_REQUESTS_PER_CLIENT} per client or {@link #MAX_TIME}, or by {@link #finish()}.</li>
 * <li>{@link #finish()} prints one line for docs/reliability.md, e.g.
 *     {@code FAULT unhealthy-version: 1234 requests, 0 failed, lock free, 5.2 s}; {@link #close()} stops the load
 *     and prints the line too when a test failed before finishing.</li>
 * <li>{@link #error} checks the outcome, the failed phase, what happened (the fragments) and that the message
 *     names a next step ({@link #NEXT_STEP}).</li>
 * </ul>
 *
 * Faults that take the engine or nginx away (a Docker restart, a host restart) may see requests fail that no
 * deploy tool can save; such a test states what it expects with {@link #failedRequests()} instead of
 * {@link #noRequestFailed()}.
 */
public final class FaultRun implements AutoCloseable {
    static final int MAX_REQUESTS_PER_CLIENT = 20_000;
    static final Duration MAX_TIME = Duration.ofSeconds(120);

    /** Words that tell the reader what to do next; every fault's error must contain one. */
    static final Pattern NEXT_STEP = Pattern.compile("(?i)(deploy again|then deploy|run the deploy|next deploy or switch|wait for it|protostar "
            + "(switch|lock|status|verify|deploy)|switch --to|reload nginx|restore the file|start nginx|fix |free space"
            + "|make \\S+ writable|remove it|start it|try again)");

    /** One app under load. */
    public record Target(String app, String spec, String url, IncludeReader include, List<String> engineLocks) {
        /** An app behind a {@link Fixture}'s host nginx. */
        public static Target of(Fixture f) {
            return new Target(f.app, f.spec.toString(), f.url(), () -> {
                try {
                    return Files.readAllBytes(f.include());
                } catch (NoSuchFileException e) {
                    return null;
                }
            }, List.of());
        }

        /** An app behind an nginx container, served on its app port ({@code listen: 8081}). */
        public static Target of(String app, java.nio.file.Path spec, NginxContainer nginx) {
            return new Target(app, spec.toString(), "http://127.0.0.1:" + nginx.appPort, () -> {
                var r = nginx.exec("cat", "/etc/nginx/conf.d/protostar-" + app + ".conf");
                return r.exitCode() == 0 ? r.stdout().getBytes(StandardCharsets.UTF_8) : null;
            }, List.of("router." + nginx.name));
        }
    }

    /** The include's bytes as they are now, or null when there is none. */
    @FunctionalInterface
    public interface IncludeReader {
        byte[] read() throws IOException;
    }

    private final String fault;
    private final List<Target> targets;
    private final List<Load> loads = new ArrayList<>();
    /** Beside every fault, so that each runs as it would on CI's busy 2-core machine: 60% of each core busy at least. */
    private final CpuHog hog = CpuHog.topUp(2, 0.6, MAX_TIME);
    private final Map<String, byte[]> includeBefore = new LinkedHashMap<>();
    private final Map<String, String> answerBefore = new LinkedHashMap<>();
    private final long started = System.nanoTime();
    private long millis = -1;
    private String lockWord = "lock not checked";

    private FaultRun(String fault, List<Target> targets) throws IOException {
        this.fault = fault;
        this.targets = targets;
        for (Target t : targets) {
            includeBefore.put(t.app(), t.include().read());
            answerBefore.put(t.app(), answer(t));
        }
        for (Target t : targets) {
            loads.add(new Load(t.url(), MAX_REQUESTS_PER_CLIENT, MAX_TIME));
        }
        // The load is flowing before the fault: each client's first requests are answered (a loaded machine may take
        // seconds for them; bounded, and the count is checked again at the end).
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (loads.stream().anyMatch(l -> l.sent.get() < WARM) && System.nanoTime() < deadline) {
            pause(50);
        }
    }

    /** Requests each load has sent before the fault starts. */
    private static final int WARM = 12;

    /** Snapshots each target's include and answer, then starts the load. */
    public static FaultRun start(String fault, Target... targets) throws IOException {
        return new FaultRun(fault, List.of(targets));
    }

    /** Stops the load (after a short tail, so what follows the fault is measured too) and prints the FAULT line. */
    public FaultRun finish() {
        if (millis >= 0) {
            return this;
        }
        pause(300);
        stopLoads();
        millis = (System.nanoTime() - started) / 1_000_000;
        lockWord = lockWord();
        System.out.printf("FAULT %s: %d requests, %d failed, %s, %.1f s (served by %s; CPU hog %d%%)%n", fault, sent(), failedRequests(),
                lockWord, millis / 1000.0, servedBy(), Math.round(hog.busyShare() * 100));
        return this;
    }

    private void stopLoads() {
        try {
            hog.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Load l : loads) {
            try {
                l.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public int sent() {
        return loads.stream().mapToInt(l -> l.sent.get()).sum();
    }

    public int failedRequests() {
        return loads.stream().mapToInt(l -> l.failures.size()).sum();
    }

    /** Successful answers per target and serving color, e.g. {tq1abc={blue=1200, green=30}}. */
    public Map<String, Map<String, Integer>> servedBy() {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            Map<String, Integer> colors = new TreeMap<>();
            loads.get(i).servedBy.forEach((k, v) -> colors.put(k, v.get()));
            out.put(targets.get(i).app(), colors);
        }
        return out;
    }

    public long millis() {
        return millis;
    }

    /** Zero failed requests, and the load really ran (at least 50 requests per target). */
    public FaultRun noRequestFailed() {
        finish();
        for (int i = 0; i < targets.size(); i++) {
            Load l = loads.get(i);
            List<String> first = l.failures.subList(0, Math.min(10, l.failures.size()));
            assertEquals(List.of(), first, targets.get(i).app() + ": " + l.failures.size() + " of " + l.sent.get()
                    + " requests failed during " + fault);
            // It was flowing when the fault began (see the constructor) and went on: a count, not a rate, so a slow machine passes.
            assertTrue(l.sent.get() > WARM, targets.get(i).app() + ": the load ran during " + fault + ": " + l.sent.get() + " requests");
        }
        return this;
    }

    /**
     * For a fault that kills the container serving at that instant (stopped by hand, as a user may, or the app crashing):
     * a response it was in the middle of sending may be cut, since nginx cannot retry a response it has begun to pass on
     * (a body that ends with the connection, like a CGI's, even reaches the client as a complete empty 200). So at most one
     * request per client (each has one in flight) may fail, and only as a cut response, never a status or a refused
     * connection; every other request was answered, so the backup took over at once.
     */
    public FaultRun noRequestFailedButOneCutInFlightPerClient() {
        finish();
        for (int i = 0; i < targets.size(); i++) {
            Load l = loads.get(i);
            String app = targets.get(i).app();
            assertTrue(l.failures.size() <= Load.CLIENTS, app + ": " + l.failures.size() + " of " + l.sent.get()
                    + " requests failed during " + fault + ", more than the " + Load.CLIENTS + " in flight: " + l.failures);
            for (String failure : l.failures) {
                assertTrue(CUT.matcher(failure).find(), app + ": failed otherwise than by a cut response during " + fault + ": " + failure);
            }
            assertTrue(l.sent.get() > WARM, app + ": the load ran during " + fault + ": " + l.sent.get() + " requests");
        }
        return this;
    }

    /** How the clients report a response that nginx began and the dying container did not finish. */
    private static final Pattern CUT = Pattern.compile("(fixed content-length: \\d+, bytes received|EOF reached|"
            + "EOFException|Connection reset|header parser received no bytes|closed before|premature|a cut response)");

    /** Every successful answer came from {@code color}'s container (nothing else took traffic during the fault). */
    public FaultRun servedOnlyBy(String color) {
        finish();
        servedBy().forEach((app, colors) -> assertEquals(List.of(color), List.copyOf(colors.keySet()),
                app + " was served by " + colors + " during " + fault));
        return this;
    }

    /** The app's deploy lock (on every engine of its spec) and any further engine lock of the target are free. */
    public FaultRun lockFree() {
        finish();
        assertEquals("lock free", lockWord, "after " + fault);
        return this;
    }

    private String lockWord() {
        List<String> held = new ArrayList<>();
        for (Target t : targets) {
            try {
                Engine.lockStatus(new VerifyRequest(t.spec(), List.of())).forEach((host, holder) ->
                        holder.ifPresent(h -> held.add(t.app() + " held by " + h.describe())));
                if (!t.engineLocks().isEmpty()) {
                    try (Docker d = Docker.connect(Fixture.DOCKER)) {
                        for (String name : t.engineLocks()) {
                            Optional<LockHolder> h = EngineLock.read(d, name);
                            h.ifPresent(x -> held.add(name + " held by " + x.describe()));
                        }
                    }
                }
            } catch (RuntimeException e) {
                held.add(t.app() + ": lock unreadable (" + e.getMessage() + ")");
            }
        }
        return held.isEmpty() ? "lock free" : "LOCK HELD: " + String.join("; ", held);
    }

    /** Each target's include is byte for byte what it was before the fault, and nginx answers as it did then. */
    public FaultRun unchanged() throws IOException {
        finish();
        for (Target t : targets) {
            byte[] now = t.include().read();
            assertEquals(text(includeBefore.get(t.app())), text(now), t.app() + ": the include changed during " + fault);
            assertTrue(java.util.Arrays.equals(includeBefore.get(t.app()), now), t.app() + ": the include's bytes changed");
            assertEquals(answerBefore.get(t.app()), answer(t), t.app() + ": nginx answers otherwise after " + fault);
        }
        return this;
    }

    /**
     * The result failed as expected and its error says what happened (each fragment, case-insensitive) and what to
     * do ({@link #NEXT_STEP}).
     */
    public FaultRun error(DeployResult r, Outcome outcome, Phase phase, String... whatHappened) {
        finish();
        assertEquals(outcome, r.outcome(), r.error());
        assertEquals(phase, r.failedPhase(), r.error());
        assertNotNull(r.error(), "a failed " + r.action() + " explains itself");
        List<String> missing = new ArrayList<>();
        for (String fragment : whatHappened) {
            if (!r.error().toLowerCase(java.util.Locale.ROOT).contains(fragment.toLowerCase(java.util.Locale.ROOT))) {
                missing.add("what happened: \"" + fragment + "\"");
            }
        }
        if (!NEXT_STEP.matcher(r.error()).find()) {
            missing.add("what to do next");
        }
        assertEquals(List.of(), missing, "the error of " + fault + " lacks these; it says:\n" + r.error());
        return this;
    }

    /** The text names a next step for the reader. */
    static void nextStep(String text) {
        assertTrue(NEXT_STEP.matcher(text).find(), "the message says what to do next:\n" + text);
    }

    /** What nginx answers for the target on / right now, e.g. "200 v1 blue". */
    static String answer(Target t) throws IOException {
        HttpProbe.Response r = HttpProbe.get(t.url(), "/", null, Duration.ofSeconds(5));
        return r.status() + " " + r.body().strip();
    }

    private static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the load if a test failed before {@link #finish()}, and prints its line then too. */
    @Override
    public void close() {
        if (millis < 0) {
            System.out.print("(failed before finishing) ");
            finish();
        }
        stopLoads();
    }
}
