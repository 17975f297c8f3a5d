package dev.protostar.core.docker;

/** A Docker call failed or did not answer in time; the message says which call and on which engine. */
public final class DockerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DockerException(String message, Throwable cause) {
        super(message, cause);
    }
}
