package dev.protostar.core.engine;

/** A phase failed in a way the engine has already made safe; carries the words for the user. */
final class StepFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String detail;

    StepFailed(String message) {
        this(message, null);
    }

    /** @param detail output that helps but may hold secrets (container logs): shown, not kept in the history */
    StepFailed(String message, String detail) {
        super(message);
        this.detail = detail;
    }

    String detail() {
        return detail;
    }
}
