package dev.protostar.core.engine;

/** A phase failed in a way the engine has already made safe; carries the words for the user. */
final class StepFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StepFailed(String message) {
        super(message);
    }
}
