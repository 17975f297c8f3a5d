package dev.protostar.core.engine;

import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.DockerEndpoint;
import dev.protostar.core.spec.AppSpec;
import java.util.List;
import java.util.function.Function;

/** What a command looks at once, across all of the app's hosts, before it touches any of them. */
interface Preflight {
    /** The command to run on each host, or the result that ends it before any host is touched. */
    record Cleared(Function<Session, DeployResult> command, DeployResult ended) {}

    Cleared check(AppSpec spec, List<DockerEndpoint> hosts, Timeline timeline);

    /** No look first: the command runs on each host. */
    static Preflight none(Function<Session, DeployResult> command) {
        return (spec, hosts, timeline) -> new Cleared(command, null);
    }
}
