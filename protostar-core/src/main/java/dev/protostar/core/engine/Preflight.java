package dev.protostar.core.engine;

import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.DockerEndpoint;
import dev.protostar.core.spec.AppSpec;
import java.util.List;
import java.util.function.Function;

/** What a command looks at once, across all of the app's hosts, before it touches any of them. */
interface Preflight {
    /**
     * The command to run on each host, or the result that ends it before any host is touched.
     *
     * @param pin the image every host must have, checked (or pulled) under all the hosts' locks before the first switch;
     *     null when the command needs none (a switch)
     */
    record Cleared(Function<Session, DeployResult> command, ImagePin pin, DeployResult ended) {
        Cleared(Function<Session, DeployResult> command, DeployResult ended) {
            this(command, null, ended);
        }
    }

    Cleared check(AppSpec spec, List<DockerEndpoint> hosts, Timeline timeline);

    /** No look first: the command runs on each host. */
    static Preflight none(Function<Session, DeployResult> command) {
        return (spec, hosts, timeline) -> new Cleared(command, null);
    }

    /** No look first; the command runs on each host once every host has {@code pin}'s image. */
    static Preflight pinning(ImagePin pin, Function<Session, DeployResult> command) {
        return (spec, hosts, timeline) -> new Cleared(command, pin, null);
    }
}
