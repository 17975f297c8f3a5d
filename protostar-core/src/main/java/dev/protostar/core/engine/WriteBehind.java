package dev.protostar.core.engine;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The end of a command that succeeded, after its answer: its history record (in the same copy, the clearing of its
 * intent), what it keeps for the next command, and the release of its lock. Only in a process that outlives its
 * commands and turns it on (the resident engine): there it takes one copy into the engine (200-300 ms under load) and
 * a lock removal off every successful command's wall time.
 *
 * <p>The next command of the same app in this process waits for it before it reads anything, so it sees what the last
 * one wrote. Another process finds the lock still held for that moment, as it would while the command ran. A process
 * that dies before the end is written leaves what a command killed right after its verify leaves, with its lock held by
 * a process that is gone: the next command takes the lock over and finishes the change from its intent (verified again,
 * then recorded; see {@link Recovery}).
 */
public final class WriteBehind {
    private static volatile boolean on;
    /** Per app name: the last end under way (apps of the same name on other engines wait too, for a moment at most). */
    private static final Map<String, CompletableFuture<Void>> ends = new ConcurrentHashMap<>();

    private WriteBehind() {}

    /** Lets successful commands answer before their end is written; for a process that outlives them. */
    public static void turnOn() {
        on = true;
    }

    /** For tests in one Java VM. */
    static void turnOff() {
        on = false;
    }

    static boolean on() {
        return on;
    }

    /**
     * Runs {@code end} after the ends of this app under way, on a thread of its own (here and now where no thread is to
     * be had). The chain never fails: what fails in {@code end} is told on the process's error stream.
     */
    static void submit(String app, Runnable end) {
        Runnable told = () -> {
            try {
                end.run();
            } catch (RuntimeException | Error e) {
                System.err.println("protostar: the end of a command of " + app + " failed after its answer: " + e);
            }
        };
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<?>[] before = new CompletableFuture<?>[1];
        ends.compute(app, (name, last) -> {
            before[0] = last;
            return done;
        });
        Runnable work = () -> {
            told.run();
            done.complete(null);
        };
        (before[0] == null ? CompletableFuture.completedFuture(null) : before[0]).whenComplete((ignored, never) -> {
            try {
                Thread t = new Thread(work, "protostar-write-behind");
                t.setDaemon(true);
                t.start();
            } catch (RuntimeException | Error noThread) {
                work.run();
            }
        });
    }

    /** Returns once this app's ends under way are written (each bounded by the engine's deadlines). */
    static void await(String app) {
        CompletableFuture<Void> end = ends.get(app);
        if (end != null) {
            end.join(); // completes normally: submit tells what fails instead
        }
    }

    /** Waits up to {@code patience} for every end under way, as the process is about to exit; false if some are left. */
    public static boolean drain(Duration patience) {
        CompletableFuture<?>[] all = ends.values().toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(all).get(patience.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | InterruptedException | java.util.concurrent.ExecutionException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

}
