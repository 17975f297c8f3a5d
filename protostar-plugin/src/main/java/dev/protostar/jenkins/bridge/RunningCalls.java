package dev.protostar.jenkins.bridge;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The engine commands running in this JVM (an agent), by call id, so that an abort from the
 * controller can interrupt exactly one of them. The engine reacts to the interrupt at its next
 * safe point and still returns its result, which the controller waits for.
 */
public final class RunningCalls {
    private static final Map<String, Thread> RUNNING = new HashMap<>();
    /** Stops that arrived before their call started. */
    private static final Set<String> EARLY_STOPS = new HashSet<>();

    private RunningCalls() {}

    public static <T> T run(String id, Supplier<T> work) {
        synchronized (RunningCalls.class) {
            RUNNING.put(id, Thread.currentThread());
            if (EARLY_STOPS.remove(id)) {
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
            EARLY_STOPS.add(id);
            return false;
        }
        t.interrupt();
        return true;
    }

    static synchronized boolean isRunning(String id) {
        return RUNNING.containsKey(id);
    }
}
