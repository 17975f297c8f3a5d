package dev.protostar.core.docker;

import dev.protostar.core.spec.AppSpec;
import dev.protostar.core.spec.ImageReference;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/** An app's images as the engine works with them: build, resolve by name, pull and push, remove, prune. */
public interface ImageStore {
    /**
     * An image pinned by its full id, with the name it was asked for by.
     *
     * @param repoDigests {@code repository@sha256:…} for each registry it was pulled from or pushed to (empty for a local build)
     */
    record Image(String id, String name, boolean hasHealthcheck, java.util.List<String> repoDigests) {
        public Image {
            repoDigests = repoDigests == null ? java.util.List.of() : java.util.List.copyOf(repoDigests);
        }

        public Image(String id, String name, boolean hasHealthcheck) {
            this(id, name, hasHealthcheck, java.util.List.of());
        }

        /** The same content under another name. */
        public Image named(String other) {
            return new Image(id, other, hasHealthcheck, repoDigests);
        }
    }

    /** Builds the spec's context as {@code <image>:<tag>}, streaming the build's output to {@code log}. */
    Image build(AppSpec spec, String tag, Map<String, String> labels, Duration deadline, Consumer<String> log);

    /** The image of that name; never pulls. */
    Image resolve(String name);

    /** The image of that name (or id) if this engine has it; never pulls. */
    java.util.Optional<Image> find(String name);

    /**
     * Pulls {@code reference} from its registry with {@code auth}, streaming progress to {@code log}, and returns what the
     * engine has under that name now. A refused, unknown or unreachable pull throws, naming the reference and the registry.
     */
    Image pull(ImageReference reference, RegistryAuth auth, Duration deadline, Consumer<String> log);

    /** Pushes {@code name} (repository:tag) to its registry with {@code auth}; returns the digest the registry gave it. */
    String push(String name, RegistryAuth auth, Duration deadline, Consumer<String> log);

    /** Removes an image this command built and never used. */
    void remove(String id);

    /** Removes the app's images beyond the newest {@code keep} that no container uses; returns how many. */
    int prune(String app, int keep);
}
