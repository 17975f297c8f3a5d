package dev.protostar.core.api;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * @param to "previous", "blue" or "green"
 * @param hosts the Docker engines to switch on, replacing the spec's; empty to use the spec's
 * @param baseDir what the spec's relative paths start from, or null for the spec file's directory
 * @param advice the caller's words for what to do next, or null for the command line's
 * @param environment the variables the monitoring's token is read from (in Jenkins: the build's environment, with what
 *     withCredentials bound), or null for this process's own environment
 */
public record SwitchRequest(String specFile, String to, String owner, List<DockerEndpoint> hosts, String baseDir, Advice advice,
                            Map<String, String> environment) implements Serializable {
    public SwitchRequest {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        advice = advice == null ? Advice.COMMAND_LINE : advice;
        environment = environment == null ? null : Map.copyOf(environment);
    }

    public SwitchRequest(String specFile, String to, String owner, List<DockerEndpoint> hosts, String baseDir, Advice advice) {
        this(specFile, to, owner, hosts, baseDir, advice, null);
    }

    /** The variable {@code name} of {@link #environment}, or of this process's environment when there is none. */
    public String variable(String name) {
        return environment == null ? System.getenv(name) : environment.get(name);
    }

    @Override
    public String toString() {
        // the environment may hold secrets: never shown
        return "SwitchRequest[specFile=" + specFile + ", to=" + to + ", owner=" + owner + ", hosts=" + hosts + ", baseDir=" + baseDir
                + ", advice=" + advice.getClass().getSimpleName() + ", environment=" + (environment == null ? "this process's"
                : environment.size() + " variables") + "]";
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
