package dev.protostar.core.engine;

import dev.protostar.core.router.NetworkPath;
import java.time.Duration;

/**
 * Waits until nginx has no open connection left to the old color, or the drain time is up.
 * nginx keeps old workers alive until their requests finish (and for about 100 ms after a reload
 * they still accept new ones), so the old color is only safe to stop once no connection to it
 * remains, as nginx's side of the network shows. Where that cannot be read, the full drain time is waited.
 */
final class Drain {
    private static final Duration OVERLAP = Duration.ofMillis(150);
    /**
     * How long nginx must hold no connection to the old color before it counts as drained. On a
     * loaded machine an old worker may take the master's "stop accepting" late and still open one.
     */
    static final Duration QUIET = Duration.ofMillis(300);

    private Drain() {}

    /** Returns how long it waited. */
    static Duration await(NetworkPath path, String endpoint, Duration max) throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + max.toNanos();
        long earliest = t0 + Math.min(OVERLAP.toNanos(), max.toNanos());
        boolean known = true;
        long quietSince = 0;
        while (System.nanoTime() < deadline) {
            long now = System.nanoTime();
            if (known && now >= earliest) {
                int open = path.openConnections(endpoint);
                if (open == 0) {
                    quietSince = quietSince == 0 ? now : quietSince;
                    if (now - quietSince >= QUIET.toNanos()) {
                        break;
                    }
                } else {
                    quietSince = 0;
                }
                known = open >= 0;
            }
            Thread.sleep(20);
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }
}
