package dev.protostar.core.engine;

import dev.protostar.core.http.HttpProbe;
import dev.protostar.core.router.Route;
import dev.protostar.core.router.Router;
import dev.protostar.core.spec.AppSpec;
import dev.protostar.core.spec.Color;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Moves traffic to a color and proves it through nginx. A reload is asynchronous and can fail
 * silently, and for about 100 ms after it old workers still accept connections, so the switch
 * only counts once nginx has answered with the new color on fresh connections for a settle
 * window after the reload.
 */
final class Cutover {
    static final Duration SETTLE = Duration.ofMillis(150);
    static final Duration OLD_WORKERS_STOP_ACCEPTING = Duration.ofMillis(120);
    static final String HEADER = "X-Protostar-Color";

    private final AppSpec spec;
    private final Router router;
    private final Timeline timeline;

    Cutover(AppSpec spec, Router router, Timeline timeline) {
        this.spec = spec;
        this.router = router;
        this.timeline = timeline;
    }

    /** Routes to {@code route} and confirms it; throws {@link StepFailed} if nginx does not serve it. */
    void switchTo(Route route) {
        router.apply(route);
        long reloaded = System.nanoTime();
        confirm(route.color(), reloaded);
    }

    /** Puts the previous route back (or removes the app's route if there was none) and confirms it. */
    void restore(Optional<Route> previous) {
        if (previous.isPresent()) {
            Route back = previous.get();
            router.apply(back);
            confirm(back.color(), System.nanoTime());
        } else {
            router.remove(spec.app());
        }
    }

    private void confirm(Color color, long reloaded) {
        long deadline = reloaded + Duration.ofSeconds(10).toNanos();
        String last = "no answer yet";
        long firstSeen = 0;
        while (System.nanoTime() < deadline) {
            String seen = colorThroughNginx();
            long now = System.nanoTime();
            if (color.word().equals(seen)) {
                if (firstSeen == 0) {
                    firstSeen = now;
                }
                // New workers answer from firstSeen on; old ones stop accepting ~100 ms after new ones start.
                if (now >= reloaded + SETTLE.toNanos() && now >= firstSeen + OLD_WORKERS_STOP_ACCEPTING.toNanos()) {
                    timeline.info("nginx answers with " + color + " (" + (firstSeen - reloaded) / 1_000_000
                            + " ms after the reload)");
                    return;
                }
            } else {
                firstSeen = 0;
                last = seen;
            }
            pause(10);
        }
        throw new StepFailed("nginx did not start answering with " + color + " within 10 s of the reload; last answer: "
                + last + ". If you wrote your own server block, add: add_header " + HEADER + " "
                + dev.protostar.core.router.NginxInclude.colorVariable(spec.app()) + " always;");
    }

    /** The color nginx answers with right now on a fresh connection, or a description of why there is none. */
    String colorThroughNginx() {
        try {
            HttpProbe.Response r = HttpProbe.get(router.url(), spec.verify().path(), router.hostHeader(), spec.verify().timeout());
            String header = r.header(HEADER);
            return header == null ? "a " + r.status() + " without the " + HEADER + " header" : header;
        } catch (IOException e) {
            return "no answer from " + router.url() + " (" + e.getMessage() + ")";
        }
    }

    /** Sends the spec's verify requests through nginx; null when all pass, else what failed. */
    String verify(Color expected) {
        AppSpec.Verify v = spec.verify();
        int passed = 0;
        for (int i = 0; i < v.requests(); i++) {
            try {
                HttpProbe.Response r = HttpProbe.get(router.url(), v.path(), router.hostHeader(), v.timeout());
                String color = r.header(HEADER);
                if (r.status() != v.status()) {
                    return "request " + (i + 1) + " of " + v.requests() + " to " + router.url() + v.path() + " answered "
                            + r.status() + " (expected " + v.status() + ")";
                }
                if (!expected.word().equals(color)) {
                    return "request " + (i + 1) + " was answered by " + color + ", expected " + expected;
                }
                passed++;
            } catch (IOException e) {
                return "request " + (i + 1) + " of " + v.requests() + " to " + router.url() + v.path() + " failed: " + e.getMessage();
            }
        }
        timeline.info(passed + " of " + v.requests() + " requests through nginx answered " + v.status() + " from " + expected);
        return null;
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailed("interrupted while confirming the switch");
        }
    }
}
