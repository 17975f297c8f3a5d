package dev.protostar.core.api;

import java.io.Serializable;
import java.util.List;

/**
 * Which container logs to read: those of one color of the app, on each of its hosts.
 *
 * @param color "live" (null means it too), "previous" (the other color), "blue" or "green"
 * @param follow keep reading new lines until the container stops or the caller is interrupted
 * @param since only lines written at or after this Unix time (seconds), or null for all
 * @param tail only the last this many lines (per host), or null for all
 */
public record LogsRequest(String specFile, List<DockerEndpoint> hosts, String baseDir, String color, boolean follow, Long since,
                          Integer tail) implements Serializable {
    public LogsRequest {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
    }
}
