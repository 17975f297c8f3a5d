package dev.protostar.core.engine;

import java.util.function.Supplier;

/**
 * Runs clean-up that must finish even when the deploy was asked to stop (a Jenkins abort
 * interrupts the thread): switching back, removing a half-started color, writing the history.
 * The interrupt is set aside while it runs and restored afterwards.
 */
final class Uninterrupted {
    private Uninterrupted() {}

    static <T> T get(Supplier<T> work) {
        boolean interrupted = Thread.interrupted();
        try {
            return work.get();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void run(Runnable work) {
        get(() -> {
            work.run();
            return null;
        });
    }
}
