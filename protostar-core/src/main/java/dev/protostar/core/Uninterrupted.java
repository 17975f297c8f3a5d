package dev.protostar.core;

import java.util.function.Supplier;

/**
 * Runs work that must finish even when the deploy was asked to stop (a Jenkins abort interrupts
 * the thread): switching back, removing a half-started color, writing the history, changing the
 * nginx config, releasing a lock. The interrupt is set aside while it runs and restored afterwards.
 */
public final class Uninterrupted {
    private Uninterrupted() {}

    public static <T> T get(Supplier<T> work) {
        boolean interrupted = Thread.interrupted();
        try {
            return work.get();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static void run(Runnable work) {
        get(() -> {
            work.run();
            return null;
        });
    }
}
