package dev.protostar.core.api;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A health-gated cutover back to a version the app's history holds, whose image {@code retire.keepImages} kept on every host.
 *
 * @param to a deploy id, a tag ({@code name:tag}, or only the tag) or a digest ({@code sha256:…}, or its first 12 or more
 *     hex digits) from the history; null for the version before the live one
 * @param hosts the Docker engines to roll back on, replacing the spec's; empty to use the spec's
 * @param baseDir what the spec's relative paths start from, or null for the spec file's directory
 * @param environment the variables a spec's {@code fromEnv} values are read from, or null for this process's own environment
 * @param advice the caller's words for what to do next, or null for the command line's
 */
public record RollbackRequest(String specFile, String to, String owner, List<DockerEndpoint> hosts, String baseDir,
                              Map<String, String> environment, Advice advice) implements Serializable {
    public RollbackRequest {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        environment = environment == null ? null : Map.copyOf(environment);
        advice = advice == null ? Advice.COMMAND_LINE : advice;
    }

    public RollbackRequest(String specFile, String to, String owner) {
        this(specFile, to, owner, List.of(), null, null, null);
    }

    /** The variable {@code name} of {@link #environment}, or of this process's environment when there is none. */
    public String variable(String name) {
        return environment == null ? System.getenv(name) : environment.get(name);
    }

    @Override
    public String toString() {
        // the environment holds secrets: never shown
        return "RollbackRequest[specFile=" + specFile + ", to=" + to + ", owner=" + owner + ", hosts=" + hosts + ", baseDir=" + baseDir
                + ", environment=" + (environment == null ? "this process's" : environment.size() + " variables") + ", advice="
                + advice.getClass().getSimpleName() + "]";
    }
}
