package dev.protostar.core.api;

import java.io.Serializable;
import java.util.List;

/** @param hosts the Docker engines to check, replacing the spec's; empty to use the spec's */
public record VerifyRequest(String specFile, List<DockerEndpoint> hosts) implements Serializable {
    public VerifyRequest {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
    }
}
