package dev.protostar.core.router;

/** The router refused or failed a change; the previous routing stays in force. */
public class RouterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RouterException(String message) {
        super(message);
    }

    public RouterException(String message, Throwable cause) {
        super(message, cause);
    }
}
