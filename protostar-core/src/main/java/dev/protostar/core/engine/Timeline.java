package dev.protostar.core.engine;

import dev.protostar.core.api.Event;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.api.Phase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs phases, reports each start and end with its duration, and keeps the timings. One phase may
 * run aside on another thread (the build, while the lock is taken); it does not become the current one.
 */
final class Timeline {
    private final EventListener listener;
    private final Map<String, Long> phases = new LinkedHashMap<>();
    private final long started = System.nanoTime();
    private volatile Phase current;
    /** A second listener added once the spec is read (the spec's event log). */
    private volatile EventListener also = EventListener.NONE;
    /** The phases that ended failed, in order. */
    private final List<Phase> failed = new java.util.concurrent.CopyOnWriteArrayList<>();

    Timeline(EventListener listener) {
        // A listener that fails (a closed Jenkins channel) must not change what the engine does.
        // Events come from the command's thread and from work aside (build, retire): one at a time.
        Object order = new Object();
        this.listener = event -> {
            synchronized (order) {
                for (EventListener each : new EventListener[] {listener, also}) {
                    try {
                        each.onEvent(event);
                    } catch (RuntimeException ignored) {
                        // the event is lost, the deploy is not
                    }
                }
            }
        };
    }

    /** From now on, events go to {@code more} too. */
    void alsoTell(EventListener more) {
        also = more;
    }

    <T> T run(Phase phase, Supplier<T> work) {
        current = phase;
        return runAside(phase, work);
    }

    /** Like {@link #run(Phase, Supplier)}, for work on another thread: the current phase stays as it is. */
    <T> T runAside(Phase phase, Supplier<T> work) {
        listener.onEvent(new Event(Event.Kind.STARTED, phase, phase.word(), 0));
        long t0 = System.nanoTime();
        try {
            T result = work.get();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            record(phase, ms);
            listener.onEvent(new Event(Event.Kind.FINISHED, phase, phase.word(), ms));
            return result;
        } catch (RuntimeException e) {
            long ms = (System.nanoTime() - t0) / 1_000_000;
            record(phase, ms);
            failed.add(phase);
            listener.onEvent(new Event(Event.Kind.FAILED, phase, e.getMessage(), ms));
            throw e;
        }
    }

    /**
     * Runs a phase that looks for problems: it ends failed when it found any, so that no ✓ stands above them.
     *
     * @return the problems found
     */
    List<String> check(Phase phase, Supplier<List<String>> work) {
        current = phase;
        listener.onEvent(new Event(Event.Kind.STARTED, phase, phase.word(), 0));
        long t0 = System.nanoTime();
        List<String> found;
        try {
            found = work.get();
        } catch (RuntimeException e) {
            long ms = (System.nanoTime() - t0) / 1_000_000;
            record(phase, ms);
            failed.add(phase);
            listener.onEvent(new Event(Event.Kind.FAILED, phase, e.getMessage(), ms));
            throw e;
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        record(phase, ms);
        if (!found.isEmpty()) {
            failed.add(phase);
        }
        listener.onEvent(found.isEmpty() ? new Event(Event.Kind.FINISHED, phase, phase.word(), ms)
                : new Event(Event.Kind.FAILED, phase, "found " + found.size() + " problem(s)", ms));
        return found;
    }

    void run(Phase phase, Runnable work) {
        run(phase, () -> {
            work.run();
            return null;
        });
    }

    private void record(Phase phase, long ms) {
        synchronized (phases) {
            phases.merge(phase.word(), ms, Long::sum);
        }
    }

    /** Makes {@code phase} the current one without timing it: a phase that ran aside is where a failure surfaced. */
    void enter(Phase phase) {
        current = phase;
    }

    void info(String message) {
        info(current, message);
    }

    void info(Phase phase, String message) {
        listener.onEvent(new Event(Event.Kind.INFO, phase, message, 0));
    }

    void warn(String message) {
        listener.onEvent(new Event(Event.Kind.WARNING, current, message, 0));
    }

    /** The current phase still waits after {@code millis}; {@code lastObservation} says what it saw last. */
    void waiting(long millis, String lastObservation) {
        listener.onEvent(new Event(Event.Kind.WAITING, current, lastObservation, millis));
    }

    void output(String line) {
        output(current, line);
    }

    void output(Phase phase, String line) {
        listener.onEvent(new Event(Event.Kind.OUTPUT, phase, line, 0));
    }

    Phase current() {
        return current;
    }

    /**
     * The phase a command that ends in failure names: the current one if it ended failed, else the first that did
     * (work aside, a build, that failed while the command was in another phase), else the current one.
     */
    Phase failedPhase() {
        Phase now = current;
        if (failed.isEmpty() || failed.contains(now)) {
            return now;
        }
        return failed.get(0);
    }

    LinkedHashMap<String, Long> orderedPhases() {
        synchronized (phases) {
            return new LinkedHashMap<>(phases);
        }
    }

    long millis() {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
