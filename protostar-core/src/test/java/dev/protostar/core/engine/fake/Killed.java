package dev.protostar.core.engine.fake;

/**
 * The process was killed at a named step, as SIGKILL would leave it: an Error, so that no {@code catch (RuntimeException)}
 * in the engine cleans up after it; what the engine's {@code finally} blocks still try, the dead {@link Runner} refuses.
 */
public final class Killed extends Error {
    private static final long serialVersionUID = 1L;

    public Killed(String step) {
        super("killed at " + step);
    }
}
