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

    private Drain() {}

    /** Returns how long it waited. */
    static Duration await(NetworkPath path, String endpoint, Duration max) throws InterruptedException {
        return await(path, endpoint, max, Clock.SYSTEM);
    }

    static Duration await(NetworkPath path, String endpoint, Duration max, Clock clock) throws InterruptedException {
        return await(path, endpoint, max, clock, clock.nanoTime());
    }

    /**
     * @param t0 when the wait for nginx's old workers began ({@link Cutover#awaitOldWorkers}, on {@code clock}): the overlap
     *     counts from then, the drain time from now, so that connections are looked at at least once
     */
    static Duration await(NetworkPath path, String endpoint, Duration max, Clock clock, long t0) throws InterruptedException {
        long deadline = clock.nanoTime() + max.toNanos();
        long earliest = t0 + Math.min(OVERLAP.toNanos(), max.toNanos());
        boolean known = true;
        while (clock.nanoTime() < deadline) {
            if (known && clock.nanoTime() >= earliest) {
                int open = path.openConnections(endpoint);
                if (open == 0) {
                    break;
                }
                known = open > 0;
            }
            clock.sleep(20_000_000);
        }
        return Duration.ofNanos(clock.nanoTime() - t0);
    }
}
