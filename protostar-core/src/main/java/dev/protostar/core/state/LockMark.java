package dev.protostar.core.state;

/**
 * One taking of a lock as the engine saw it: the lock container's name and id, and when the engine created it (its own
 * clock, nanoseconds). {@link KeptState} reads the engine's events from one such creation up to the next.
 */
public record LockMark(String container, String id, long createdNanos) {}
