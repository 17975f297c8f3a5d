package dev.protostar.core.api;

import java.io.Serializable;
import java.util.List;

/**
 * @param to "previous", "blue" or "green"
 * @param hosts the Docker engines to switch on, replacing the spec's; empty to use the spec's
 */
public record SwitchRequest(String specFile, String to, String owner, List<DockerEndpoint> hosts) implements Serializable {
    public SwitchRequest {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
    }

    public SwitchRequest(String specFile, String to, String owner) {
        this(specFile, to, owner, List.of());
    }
}
