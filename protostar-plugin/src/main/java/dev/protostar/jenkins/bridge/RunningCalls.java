package dev.protostar.jenkins.bridge;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The engine commands running in this JVM (an agent), by call id, so that an abort from the
 * controller can interrupt exactly one of them. The engine reacts to the interrupt at its next
 * safe point and still returns its result, which the controller waits for.
 */
public final class RunningCalls {
    private static final Map<String, Thread> RUNNING = new HashMap<>();
    /**
     * Stops that arrived before their call started, with when they arrived. A stop can also arrive after its
     * call ended; such a stop is never claimed, so stops are forgotten after a while.
     */
    private static final Map<String, Long> EARLY_STOPS = new HashMap<>();
    static final long FORGET_STOPS_AFTER_NANOS = TimeUnit.MINUTES.toNanos(10);

    private RunningCalls() {}

    public static <T> T run(String id, Supplier<T> work) {
        synchronized (RunningCalls.class) {
            RUNNING.put(id, Thread.currentThread());
            if (EARLY_STOPS.remove(id) != null) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            return work.get();
        } finally {
            synchronized (RunningCalls.class) {
                RUNNING.remove(id);
            }
            // The engine may leave the flag set; the channel thread must not answer while interrupted.
            Thread.interrupted();
        }
    }

    /** @return true if the call was running and has been interrupted */
    public static synchronized boolean stop(String id) {
        Thread t = RUNNING.get(id);
        if (t == null) {
            long now = System.nanoTime();
            EARLY_STOPS.values().removeIf(at -> now - at > FORGET_STOPS_AFTER_NANOS);
            EARLY_STOPS.put(id, now);
            return false;
        }
        t.interrupt();
        return true;
    }

    static synchronized int earlyStops() {
        return EARLY_STOPS.size();
    }

    /** For tests: a stop that arrived {@code nanosAgo}. */
    static synchronized void stopArrived(String id, long nanosAgo) {
        EARLY_STOPS.put(id, System.nanoTime() - nanosAgo);
    }

    static synchronized boolean isRunning(String id) {
        return RUNNING.containsKey(id);
    }
}
