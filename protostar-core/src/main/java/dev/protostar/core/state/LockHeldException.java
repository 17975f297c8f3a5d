package dev.protostar.core.state;

import dev.protostar.core.api.LockHolder;
/**
 * Another deploy of the same app holds the lock; the message names it. How to release it is the
 * caller's to say, in its own words (see {@link dev.protostar.core.api.Advice#releaseLock}).
 */
public final class LockHeldException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String owner;

    public LockHeldException(String lock, LockHolder holder) {
        super("another deploy of " + lock + " is running: locked by " + holder.owner() + " on " + holder.host()
                + " since " + holder.since() + " (lease until " + holder.expires() + "). Wait for it, or if it is dead, "
                + "the lock is taken over once its lease ends");
        this.owner = holder.owner();
    }

    /** Who the lock names. */
    public String owner() {
        return owner;
    }
}
