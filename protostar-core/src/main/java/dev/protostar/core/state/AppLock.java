package dev.protostar.core.state;

/**
 * An app's deploy lock as its holder uses it: the fencing check, the intent written before a change, and
 * what the holder it was taken over from left unfinished. Closing it releases it if it is still ours.
 */
public interface AppLock extends AutoCloseable {
    /** Still ours: not released by force, not taken over, lease not lapsed. */
    boolean stillHeld();

    /** Whom it was taken over from, in words, or null when it was free. */
    String tookOverFrom();

    /** The intent the holder it was taken over from left unfinished, or null; handed out once. */
    String takeInherited();

    /** Records what this holder is about to change, before it acts; a takeover hands it to the next holder. */
    void intend(String intent);

    @Override
    void close();
}
