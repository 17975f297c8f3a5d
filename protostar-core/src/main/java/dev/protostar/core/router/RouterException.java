package dev.protostar.core.router;

/** The router refused or failed a change; unless {@link #mayHaveReloaded()}, the previous routing stays in force. */
public class RouterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean mayHaveReloaded;

    public RouterException(String message) {
        this(message, null, false);
    }

    public RouterException(String message, Throwable cause) {
        this(message, cause, false);
    }

    RouterException(String message, Throwable cause, boolean mayHaveReloaded) {
        super(message, cause);
        this.mayHaveReloaded = mayHaveReloaded;
    }

    /** The change was refused because its command no longer holds its lock: nothing was touched, someone else may be changing it. */
    public static final class FencedOff extends RouterException {
        private static final long serialVersionUID = 1L;

        public FencedOff(String message) {
            super(message);
        }
    }

    /** True when nginx may have loaded the change before the failure, so traffic may already have moved. */
    public boolean mayHaveReloaded() {
        return mayHaveReloaded;
    }
}
