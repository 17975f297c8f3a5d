package dev.protostar.core.api;

import java.io.Serializable;
import java.util.List;

/**
 * @param to "previous", "blue" or "green"
 * @param hosts the Docker engines to switch on, replacing the spec's; empty to use the spec's
 * @param baseDir what the spec's relative paths start from, or null for the spec file's directory
 */
public record SwitchRequest(String specFile, String to, String owner, List<DockerEndpoint> hosts, String baseDir)
        implements Serializable {
    public SwitchRequest {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
    }

    public SwitchRequest(String specFile, String to, String owner) {
        this(specFile, to, owner, List.of());
    }

    public SwitchRequest(String specFile, String to, String owner, List<DockerEndpoint> hosts) {
        this(specFile, to, owner, hosts, null);
    }
}
