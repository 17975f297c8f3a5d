package dev.protostar.core.api;

/** Receives the engine's events as they happen (CLI progress lines, the Jenkins build log). */
@FunctionalInterface
public interface EventListener {
    void onEvent(Event event);

    EventListener NONE = e -> {};
}
