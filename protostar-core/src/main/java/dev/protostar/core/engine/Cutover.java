package dev.protostar.core.engine;

import dev.protostar.core.router.Answer;
import dev.protostar.core.router.Route;
import dev.protostar.core.router.Router;
import dev.protostar.core.spec.AppSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Moves traffic to a color and proves it through nginx. A reload is asynchronous and can fail
 * silently, so a switch counts once nginx answers from the new color on a fresh connection: only
 * a loaded configuration answers so. For about 100 ms after that, old workers still accept
 * connections and route them as before, which only matters to whoever stops the previous color:
 * {@link #awaitOldWorkers} waits for nginx to answer from the new color alone for a settle window,
 * and {@link Session#drainAndStop} calls it first. A switch command, which stops nothing, does not
 * wait for it; a switch back (whose color is removed next) and a preview wait for it at once.
 */
final class Cutover {
    static final Duration SETTLE = Duration.ofMillis(150);
    /** nginx's master tells old workers to stop accepting 100 ms after it starts the new ones; 50 ms of margin. */
    static final Duration OLD_WORKERS_STOP_ACCEPTING = Duration.ofMillis(150);
    static final Duration OLD_WORKER_PATIENCE = Duration.ofSeconds(2);

    private final AppSpec spec;
    private final Router router;
    private final Timeline timeline;
    private final Clock clock;
    /** The route this command switched to while old workers may still route as before; null once settled. */
    private volatile Route unsettled;
    private volatile long unsettledReload;

    Cutover(AppSpec spec, Router router, Timeline timeline, Clock clock) {
        this.spec = spec;
        this.router = router;
        this.timeline = timeline;
        this.clock = clock;
    }

    /** Routes to {@code route} and confirms it; throws {@link StepFailed} if nginx does not serve it. */
    void switchTo(Route route) {
        router.apply(route);
        long reloaded = clock.nanoTime();
        unsettled = null; // a route changed again: only the newest counts
        confirm(route, reloaded, false, false);
        unsettled = route;
        unsettledReload = reloaded;
    }

    /**
     * Once this command switched: waits until nginx has answered only from the new route for the settle window, so no
     * old worker passes a new connection to the previous color any more. Returns at once otherwise.
     *
     * @return false when nginx still answered from elsewhere 10 s on (the previous color must keep running)
     * @throws InterruptedException on request; the previous color keeps running
     */
    synchronized boolean awaitOldWorkers() throws InterruptedException {
        Route route = unsettled;
        if (route == null) {
            return true;
        }
        Settled s;
        try {
            s = settle(unsettledReload, clock.nanoTime(), () -> ask(spec.verify().path()), seen -> routed(seen, route), false, true,
                    "stopped on request while nginx's old workers finished");
        } catch (StepFailed stopped) {
            throw new InterruptedException(stopped.getMessage());
        }
        if (s.after() < 0) {
            timeline.warn("nginx still answered from elsewhere than " + route.color() + " 10 s after the reload (" + s.last()
                    + "); the previous color keeps running");
            return false;
        }
        unsettled = null;
        return true;
    }

    /**
     * Opens nginx's preview of {@code endpoint} (see {@link Router#preview}) and waits until preview requests reach it:
     * for a moment after the reload old workers still answer them from the live route.
     */
    void previewTo(Optional<Route> live, String endpoint) {
        router.preview(live, endpoint);
        long reloaded = clock.nanoTime();
        Settled s = settle(reloaded, reloaded, () -> router.askPreview(spec.verify().path(), spec.verify().timeout()),
                seen -> previewed(seen, endpoint), false, true, "stopped on request while nginx's preview was confirmed; nothing was switched");
        if (s.after() < 0) {
            throw new StepFailed("nginx did not start passing preview requests to " + endpoint + " within 10 s of the reload; last answer: "
                    + s.last() + ". Nothing was switched.");
        }
        timeline.info("nginx previews " + endpoint + " to the engine's requests (" + s.after() + " ms after the reload); everyone else "
                + "still gets " + live.map(r -> r.color().word()).orElse("a 503"));
    }

    /** Whether nginx passed this answer's request to the previewed container first. */
    static boolean previewed(Answer a, String endpoint) {
        return a.failure() == null && a.upstream() != null && a.upstream().split(",")[0].trim().equals(endpoint);
    }

    /** Puts the previous route back (or removes the app's route if there was none) and confirms it. */
    void restore(Optional<Route> previous) {
        router.restore(previous);
        unsettled = null;
        if (previous.isPresent()) {
            // A second abort must not cut a switch-back's confirmation short: it would be reported as failed. Settled at
            // once: the color switched away from is removed next.
            confirm(previous.get(), clock.nanoTime(), true, true);
        }
    }

    /** The app's own answer, not nginx's 502 or 504 for a container that is gone or hangs (its headers name the route all the same). */
    private static boolean routed(Answer seen, Route route) {
        return seen.routedTo(route) && seen.status() != 502 && seen.status() != 504;
    }

    /** @param settled waits out the old workers too (see {@link #awaitOldWorkers}); else the first answer from the route counts */
    private void confirm(Route route, long reloaded, boolean uninterruptible, boolean settled) {
        // verify then judges the answer itself.
        Settled s = settle(reloaded, reloaded, () -> ask(spec.verify().path()), seen -> routed(seen, route), uninterruptible, settled,
                "stopped on request while confirming the switch");
        if (s.after() < 0) {
            throw new StepFailed("nginx did not start answering from " + route.color() + " within 10 s of the reload; last answer: "
                    + s.last() + ". " + router.replyHint() + ".");
        }
        int others = router.loadedWithOthers();
        long waited = router.waitedForOthers();
        timeline.info("nginx answers from " + route.color() + " (" + s.after() + " ms after the reload"
                + (others == 0 ? "" : ", which loaded " + others + " other app" + (others == 1 ? "'s" : "s'") + " change too")
                + (waited == 0 ? "" : "; it waited " + waited + " ms for changes announced to it" + (others == 0 ? ", and none came" : ""))
                + ")");
    }

    /** @param after ms from the reload to the first of the answers that settled it, or -1 when it did not settle; last: what was seen instead */
    private record Settled(long after, String last) {}

    /**
     * Asks until an answer shows the change, and with {@code window}, until the answers have shown it for the settle
     * window: new workers answer from the first such answer on, and old ones stop accepting about 100 ms after the new
     * ones start. Gives up 10 s after {@code from}.
     *
     * @param uninterruptible keeps asking through an interrupt (kept for afterwards): a switch-back must be confirmed
     */
    private Settled settle(long reloaded, long from, java.util.function.Supplier<Answer> ask, java.util.function.Predicate<Answer> changed,
                           boolean uninterruptible, boolean window, String stopped) {
        boolean interrupted = false;
        try {
            long deadline = from + Duration.ofSeconds(10).toNanos();
            String last = "no answer yet";
            long firstSeen = 0;
            while (clock.nanoTime() < deadline) {
                Answer seen = ask.get();
                long now = clock.nanoTime();
                if (changed.test(seen)) {
                    firstSeen = firstSeen == 0 ? now : firstSeen;
                    if (!window || now >= reloaded + SETTLE.toNanos() && now >= firstSeen + OLD_WORKERS_STOP_ACCEPTING.toNanos()) {
                        return new Settled((firstSeen - reloaded) / 1_000_000, null);
                    }
                } else {
                    firstSeen = 0;
                    last = seen.describe();
                }
                if (uninterruptible) {
                    interrupted |= pauseThroughInterrupts(10);
                } else {
                    try {
                        clock.sleep(10_000_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new StepFailed(stopped);
                    }
                }
            }
            return new Settled(-1, last);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One request through nginx on a fresh connection. */
    Answer ask(String path) {
        return router.ask(path, spec.verify().timeout());
    }

    /**
     * Sends the spec's verify requests through nginx; null when all pass, else what failed. An answer
     * from the previous route (or, without one, an answer not about the app) is asked again for a short
     * while: an old nginx worker may still accept a connection, since a switch counts at the first answer
     * from the new route. Anything else fails at once.
     */
    String verify(Route expected, Optional<Route> previous) {
        AppSpec.Verify v = spec.verify();
        boolean upstreamSeen = false;
        List<Answer> sent = router.askEach(v.path(), v.timeout(), v.requests());
        for (int i = 0; i < v.requests(); i++) {
            long patience = clock.nanoTime() + OLD_WORKER_PATIENCE.toNanos();
            Answer a = sent.get(i);
            // Old workers may still route as before for a moment: to the previous color, or, when the route only
            // moved to the live color's new address, to its old one.
            while (a.failure() == null && fromOldWorker(a, previous, expected) && clock.nanoTime() < patience) {
                pause(50);
                a = ask(v.path());
            }
            String where = "request " + (i + 1) + " of " + v.requests() + " to " + router.url() + v.path();
            if (a.failure() != null) {
                return where + " failed: " + a.failure();
            }
            if (a.status() != v.status()) {
                return where + " answered " + a.status() + " (expected " + v.status() + ")";
            }
            if (!a.from(expected)) {
                return where + " was answered by " + a.describe() + ", expected " + expected.color() + " at " + expected.endpoint()
                        + (a.upstream() != null && a.upstream().contains(",") ? ": nginx fell back to another upstream" : "");
            }
            upstreamSeen |= a.upstream() != null;
        }
        if (!upstreamSeen) {
            timeline.warn("nginx does not say which upstream answered, so a request served by the backup color would pass. "
                    + router.replyHint());
        }
        timeline.info(v.requests() + " of " + v.requests() + " requests through nginx answered " + v.status() + " from " + expected.color());
        return null;
    }

    private static boolean fromOldWorker(Answer a, Optional<Route> before, Route expected) {
        if (before.isEmpty()) {
            return a.colorOf(expected.app()) == null; // nginx had no route for the app yet: not about it at all
        }
        Route previous = before.get();
        if (previous.color() != expected.color()) {
            return previous.color().word().equals(a.color());
        }
        return !previous.endpoint().equals(expected.endpoint()) && a.upstream() != null
                && a.upstream().split(",")[0].trim().equals(previous.endpoint());
    }

    /** True when it was interrupted: the caller keeps that for afterwards and goes on. */
    private boolean pauseThroughInterrupts(long ms) {
        try {
            clock.sleep(ms * 1_000_000);
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    private void pause(long ms) {
        try {
            clock.sleep(ms * 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailed("stopped on request while confirming the switch");
        }
    }
}
