package dev.protostar.core.docker;

import dev.protostar.core.spec.AppSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One-off containers of an app (its hooks): started from an image with the colors' env, networks and container
 * options, never restarted by Docker, waited for, and removed. Each carries the app's, the hook's and the change's
 * labels, so one a dead command left behind is found by the next.
 */
public interface OneOffs {
    /** How a one-off container ended; REMOVED: it was gone before it exited (removed by another command). */
    enum Ending { EXITED, TIMED_OUT, INTERRUPTED, REMOVED }

    /** @param exitCode the command's exit code when it {@link Ending#EXITED}, else -1 */
    record Ended(Ending how, int exitCode) {}

    /** One left by an earlier command: its name, the hook and change its labels name, and its state (running, exited, created). */
    record Left(String name, String hook, String deployId, String state) {}

    /**
     * Creates and starts {@code name} from {@code imageId} running {@code command} (the image's entrypoint stays).
     * Refuses a name that is taken rather than replacing it: a hook runs once for one change.
     *
     * @return its id
     */
    String start(AppSpec spec, String name, String imageId, List<String> command, Map<String, String> env, Map<String, String> labels);

    /**
     * Streams its output a line at a time to {@code lines} until it exits, {@code timeout} passes, or the thread is
     * interrupted (the interrupt stays set). Past the timeout or on an interrupt it is killed; it is left in place.
     */
    Ended await(String id, Duration timeout, Consumer<String> lines);

    /** Removes it, killing it first if it still runs; a container that is gone is fine. Runs through interrupts. */
    void remove(String id);

    /** The app's one-off containers that exist now, running or not. */
    List<Left> left(String app);
}
