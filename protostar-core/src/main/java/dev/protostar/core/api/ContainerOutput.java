package dev.protostar.core.api;

/** Hears what a container writes, as it comes: its log lines, or a command's output. Called from one thread per host. */
public interface ContainerOutput {
    /** One line of the container's log, without its line end; {@code host} is null when the app has one host. */
    default void line(String host, boolean stderr, String text) {}

    /** Bytes a command run in the container wrote, as they came. */
    default void bytes(boolean stderr, byte[] data) {}
}
