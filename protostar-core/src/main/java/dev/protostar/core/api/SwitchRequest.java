package dev.protostar.core.api;

import java.io.Serializable;
import java.util.List;

/**
 * @param to "previous", "blue" or "green"
 * @param hosts the Docker engines to switch on, replacing the spec's; empty to use the spec's
 * @param baseDir what the spec's relative paths start from, or null for the spec file's directory
 * @param advice the caller's words for what to do next, or null for the command line's
 */
public record SwitchRequest(String specFile, String to, String owner, List<DockerEndpoint> hosts, String baseDir, Advice advice)
        implements Serializable {
    public SwitchRequest {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        advice = advice == null ? Advice.COMMAND_LINE : advice;
    }

    public SwitchRequest(String specFile, String to, String owner, List<DockerEndpoint> hosts, String baseDir) {
        this(specFile, to, owner, hosts, baseDir, null);
    }

    public SwitchRequest(String specFile, String to, String owner) {
        this(specFile, to, owner, List.of());
    }

    public SwitchRequest(String specFile, String to, String owner, List<DockerEndpoint> hosts) {
        this(specFile, to, owner, hosts, null);
    }
}
