package dev.protostar.core.docker;

import dev.protostar.core.spec.AppSpec;
import dev.protostar.core.spec.Color;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** An app's color containers as the engine works with them: find, boot, gate, rename, stop, remove, read. */
public interface ColorContainers {
    /** How often Docker restarted a container, and when it last started. */
    record Life(int restarts, String startedAt) {}

    /** The container named as {@code color}'s ({@code <app>-<color>}), if there is one. */
    Optional<ColorContainer> find(AppSpec spec, Color color);

    /** A container of the app by its exact name (one set aside under another name), as {@code color}'s. */
    Optional<ColorContainer> named(AppSpec spec, String name, Color color);

    /** Starts a container of {@code color} named {@code name} from {@code imageId}, replacing whatever had that name. */
    ColorContainer boot(AppSpec spec, Color color, String name, String imageId, String imageName, Map<String, String> extraLabels);

    /** Starts an existing stopped container again (rollback to a stopped previous color). */
    ColorContainer restart(AppSpec spec, ColorContainer c);

    /** Runs the container's own HEALTHCHECK command now: its exit code (-1 past {@code timeout}), empty without one. */
    OptionalInt runHealthcheck(String id, Duration timeout);

    /** Stops gracefully: the container's stop signal, then SIGKILL after {@code timeout}. */
    void stop(String name, Duration timeout);

    Optional<Life> life(String name);

    /** How a container that ran as {@code before} stopped or was restarted by Docker since; empty when it runs as then. */
    Optional<String> crashSince(String name, Life before);

    /** Gives a container another name (what nginx routes to, an address, stays the same). */
    void rename(String id, String newName);

    void remove(String name);

    /** The last {@code lines} lines of the container's output, for error messages. */
    String tail(String name, int lines);

    /** Docker's last health-check outputs, newest last, or an empty string when there is no HEALTHCHECK. */
    String healthLog(String name);

    /** Names of every container, running or not, that carries the app's and a color's label. */
    List<String> namesLabelled(String app);
}
