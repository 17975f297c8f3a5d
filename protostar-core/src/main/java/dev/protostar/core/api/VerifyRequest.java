package dev.protostar.core.api;

import java.io.Serializable;
import java.util.List;

/**
 * @param hosts the Docker engines to check, replacing the spec's; empty to use the spec's
 * @param baseDir what the spec's relative paths start from, or null for the spec file's directory
 * @param advice the caller's words for what to do next, or null for the command line's
 */
public record VerifyRequest(String specFile, List<DockerEndpoint> hosts, String baseDir, Advice advice) implements Serializable {
    public VerifyRequest {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        advice = advice == null ? Advice.COMMAND_LINE : advice;
    }

    public VerifyRequest(String specFile, List<DockerEndpoint> hosts, String baseDir) {
        this(specFile, hosts, baseDir, null);
    }

    public VerifyRequest(String specFile, List<DockerEndpoint> hosts) {
        this(specFile, hosts, null);
    }
}
