package dev.protostar.core.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Runs phases, reports each start and end with its duration, and keeps the timings. */
final class Timeline {
    private final EventListener listener;
    private final Map<String, Long> phases = new LinkedHashMap<>();
    private final long started = System.nanoTime();
    private Phase current;

    Timeline(EventListener listener) {
        // A listener that fails (a closed Jenkins channel) must not change what the engine does.
        this.listener = event -> {
            try {
                listener.onEvent(event);
            } catch (RuntimeException ignored) {
                // the event is lost, the deploy is not
            }
        };
    }

    <T> T run(Phase phase, Supplier<T> work) {
        current = phase;
        listener.onEvent(new Event(Event.Kind.STARTED, phase, phase.word(), 0));
        long t0 = System.nanoTime();
        try {
            T result = work.get();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            phases.merge(phase.word(), ms, Long::sum);
            listener.onEvent(new Event(Event.Kind.FINISHED, phase, phase.word(), ms));
            return result;
        } catch (RuntimeException e) {
            long ms = (System.nanoTime() - t0) / 1_000_000;
            phases.merge(phase.word(), ms, Long::sum);
            listener.onEvent(new Event(Event.Kind.FAILED, phase, e.getMessage(), ms));
            throw e;
        }
    }

    void run(Phase phase, Runnable work) {
        run(phase, () -> {
            work.run();
            return null;
        });
    }

    void info(String message) {
        listener.onEvent(new Event(Event.Kind.INFO, current, message, 0));
    }

    void warn(String message) {
        listener.onEvent(new Event(Event.Kind.WARNING, current, message, 0));
    }

    void output(String line) {
        listener.onEvent(new Event(Event.Kind.OUTPUT, current, line, 0));
    }

    Phase current() {
        return current;
    }

    LinkedHashMap<String, Long> orderedPhases() {
        return new LinkedHashMap<>(phases);
    }

    long millis() {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
