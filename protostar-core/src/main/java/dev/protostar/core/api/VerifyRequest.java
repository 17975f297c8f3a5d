package dev.protostar.core.api;

import java.io.Serializable;
import java.util.List;

/**
 * @param hosts the Docker engines to check, replacing the spec's; empty to use the spec's
 * @param baseDir what the spec's relative paths start from, or null for the spec file's directory
 */
public record VerifyRequest(String specFile, List<DockerEndpoint> hosts, String baseDir) implements Serializable {
    public VerifyRequest {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
    }

    public VerifyRequest(String specFile, List<DockerEndpoint> hosts) {
        this(specFile, hosts, null);
    }
}
