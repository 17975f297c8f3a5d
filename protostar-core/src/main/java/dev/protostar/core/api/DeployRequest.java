package dev.protostar.core.api;

import java.io.Serializable;
import java.util.List;

/**
 * @param specFile path of the app's protostar.yml
 * @param image an existing image to deploy instead of building, or null to build from the spec's context
 * @param owner who deploys, e.g. a build URL or user@host; names the lock holder and the history entry
 * @param revision source revision (git commit) if known, or null
 * @param hosts the Docker engines to deploy to, in order, replacing the spec's; empty to use the spec's
 * @param baseDir what the spec's relative paths start from, or null for the spec file's directory
 * @param advice the caller's words for what to do next, or null for the command line's
 */
public record DeployRequest(String specFile, String image, String owner, String revision, List<DockerEndpoint> hosts,
                            String baseDir, Advice advice) implements Serializable {
    public DeployRequest {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        advice = advice == null ? Advice.COMMAND_LINE : advice;
    }

    public DeployRequest(String specFile, String image, String owner, String revision, List<DockerEndpoint> hosts,
                         String baseDir) {
        this(specFile, image, owner, revision, hosts, baseDir, null);
    }

    public DeployRequest(String specFile, String image, String owner, String revision) {
        this(specFile, image, owner, revision, List.of());
    }

    public DeployRequest(String specFile, String image, String owner, String revision, List<DockerEndpoint> hosts) {
        this(specFile, image, owner, revision, hosts, null);
    }
}
