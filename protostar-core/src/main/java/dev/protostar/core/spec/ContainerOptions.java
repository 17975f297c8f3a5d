package dev.protostar.core.spec;

import java.util.List;
import java.util.Map;

/**
 * How each color's container is run, beyond its image, port and env: the spec's {@code container} block.
 * Both colors get the same options.
 *
 * @param volumes named volumes and bind mounts, in the spec's order
 * @param memoryBytes the memory limit, or 0 for none
 * @param nanoCpus the CPU limit in billionths of a CPU, or 0 for none
 * @param networks Docker networks the container joins besides the app's {@code network}
 * @param labels the app's own labels (Protostar's {@code dev.protostar.*} labels cannot be set here)
 * @param logging the log driver and its options, or null for the engine's default
 * @param user the user (and group) the app runs as, or null for the image's
 * @param gpus null for none, {@link #ALL_GPUS} for all, else how many
 * @param extraHosts {@code name:address} entries for the container's /etc/hosts
 * @param init run an init process as PID 1 that reaps zombies and forwards signals
 */
public record ContainerOptions(List<Volume> volumes, long memoryBytes, long nanoCpus, List<String> networks,
                               Map<String, String> labels, Logging logging, String user, Integer gpus,
                               List<String> extraHosts, List<Ulimit> ulimits, boolean init) {
    public static final int ALL_GPUS = -1;
    public static final ContainerOptions DEFAULT = new ContainerOptions(List.of(), 0, 0, List.of(), Map.of(), null, null, null,
            List.of(), List.of(), true);

    public ContainerOptions {
        volumes = List.copyOf(volumes);
        networks = List.copyOf(networks);
        labels = Map.copyOf(labels);
        extraHosts = List.copyOf(extraHosts);
        ulimits = List.copyOf(ulimits);
    }

    /**
     * @param source a named volume (shared by both colors, and kept when a color's container is removed) or, when
     *     it starts with '/', a directory or file on the Docker engine's host
     */
    public record Volume(String source, String target, boolean readOnly) {
        public boolean bind() {
            return source.startsWith("/");
        }
    }

    public record Logging(String driver, Map<String, String> options) {
        public Logging {
            options = Map.copyOf(options);
        }
    }

    public record Ulimit(String name, long soft, long hard) {}
}
