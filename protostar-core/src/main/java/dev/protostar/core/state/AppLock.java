package dev.protostar.core.state;

/** An app's deploy lock as its holder uses it: the fencing check and whom it was taken over from. Closing it releases it if it is still ours. */
public interface AppLock extends AutoCloseable {
    /** Still ours: not released by force, not taken over, lease not lapsed. */
    boolean stillHeld();

    /** Whom it was taken over from, in words, or null when it was free. */
    String tookOverFrom();

    /** The holder it was taken over from, or null when it was free (or the lock cannot tell). */
    default TakenOver takenOver() {
        return null;
    }

    /**
     * This taking of the lock as the engine saw it, or null when it is not known: a lock that lives elsewhere, or one
     * taken on the engine's clock read separately (after another holder had it, or with clocks apart).
     */
    default LockMark mark() {
        return null;
    }

    @Override
    void close();
}
