package dev.protostar.core.api;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * @param specFile path of the app's protostar.yml
 * @param image an image to deploy instead of building (on the engine, or in a registry by tag or digest: pulled where
 *     missing, the same content on every host), or null to build from the spec's context
 * @param owner who deploys, e.g. a build URL or user@host; names the lock holder and the history entry
 * @param revision source revision (git commit) if known, or null
 * @param hosts the Docker engines to deploy to, in order, replacing the spec's; empty to use the spec's
 * @param baseDir what the spec's relative paths start from, or null for the spec file's directory
 * @param environment the variables a spec's {@code fromEnv} values are read from (in Jenkins: the build's environment,
 *     with what withCredentials bound), or null for this process's own environment
 * @param advice the caller's words for what to do next, or null for the command line's
 */
public record DeployRequest(String specFile, String image, String owner, String revision, List<DockerEndpoint> hosts,
                            String baseDir, Map<String, String> environment, Advice advice) implements Serializable {
    public DeployRequest {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        environment = environment == null ? null : Map.copyOf(environment);
        advice = advice == null ? Advice.COMMAND_LINE : advice;
    }

    public DeployRequest(String specFile, String image, String owner, String revision, List<DockerEndpoint> hosts, String baseDir) {
        this(specFile, image, owner, revision, hosts, baseDir, null, null);
    }

    public DeployRequest(String specFile, String image, String owner, String revision, List<DockerEndpoint> hosts, String baseDir,
                         Map<String, String> environment) {
        this(specFile, image, owner, revision, hosts, baseDir, environment, null);
    }

    /** The variable {@code name} of {@link #environment}, or of this process's environment when there is none. */
    public String variable(String name) {
        return environment == null ? System.getenv(name) : environment.get(name);
    }

    @Override
    public String toString() {
        // the environment holds secrets: never shown
        return "DeployRequest[specFile=" + specFile + ", image=" + image + ", owner=" + owner + ", revision=" + revision
                + ", hosts=" + hosts + ", baseDir=" + baseDir + ", environment=" + (environment == null ? "this process's" : environment.size()
                + " variables") + ", advice=" + advice.getClass().getSimpleName() + "]";
    }

    public DeployRequest(String specFile, String image, String owner, String revision) {
        this(specFile, image, owner, revision, List.of());
    }

    public DeployRequest(String specFile, String image, String owner, String revision, List<DockerEndpoint> hosts) {
        this(specFile, image, owner, revision, hosts, null);
    }
}
