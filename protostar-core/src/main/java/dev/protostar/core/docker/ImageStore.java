package dev.protostar.core.docker;

import dev.protostar.core.spec.AppSpec;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/** An app's images as the engine works with them: build, resolve by name, remove, prune. */
public interface ImageStore {
    /** An image pinned by its full id, with the name it was asked for by. */
    record Image(String id, String name, boolean hasHealthcheck) {}

    /** Builds the spec's context as {@code <image>:<tag>}, streaming the build's output to {@code log}. */
    Image build(AppSpec spec, String tag, Map<String, String> labels, Duration deadline, Consumer<String> log);

    /** The image of that name; never pulls. */
    Image resolve(String name);

    /** The image of that name or id if this engine has it (empty when it does not); never pulls. */
    java.util.Optional<Image> find(String name);

    /** Removes an image this command built and never used. */
    void remove(String id);

    /** Removes the app's images beyond the newest {@code keep} that no container uses; returns how many. */
    int prune(String app, int keep);
}
