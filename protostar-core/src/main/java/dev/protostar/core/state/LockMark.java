package dev.protostar.core.state;

/**
 * One taking of a lock as the engine saw it: the lock container's name and id, when the engine created it (its own clock,
 * nanoseconds), and whether it was taken over. Two marks bound a stretch of the engine's event log in which everyone
 * else who touched the app's state shows up ({@link StateKept}).
 */
public record LockMark(String container, String id, long createdNanos, boolean tookOver) {}
