package dev.protostar.core.docker;

/** A Docker call failed or did not answer in time; the message says which call and on which engine. */
public final class DockerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean unreachable;

    public DockerException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /** @param unreachable the engine did not answer at all (down, restarting, refused), as opposed to refusing the call */
    public DockerException(String message, Throwable cause, boolean unreachable) {
        super(message, cause);
        this.unreachable = unreachable;
    }

    public boolean unreachable() {
        return unreachable;
    }
}
