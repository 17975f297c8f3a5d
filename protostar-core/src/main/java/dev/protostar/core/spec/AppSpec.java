package dev.protostar.core.spec;

import dev.protostar.core.api.DockerEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One app's deploy spec, as read from its {@code protostar.yml}, with every default filled in. */
public record AppSpec(
        String app,
        String image,
        int port,
        Build build,
        Map<String, String> env,
        String network,
        List<DockerEndpoint> hosts,
        Health health,
        Router router,
        Verify verify,
        Retire retire,
        Duration lockLease) {

    /** @param root the repository (the spec's directory); the context must stay inside it */
    public record Build(Path root, Path context, String dockerfile, Map<String, String> args, Duration timeout) {}

    /**
     * @param body substring the response body must contain, or null
     * @param successes consecutive passing probes required
     */
    public record Health(String path, int status, String body, Duration interval, Duration timeout,
                         int successes, Duration deadline, boolean dockerHealthcheck) {}

    /**
     * The nginx that routes to the colors. {@code nginx-host}: nginx on the Docker engine's host; the
     * tool writes {@code protostar-<app>.conf} into {@code includeDir} and runs {@code test} then
     * {@code reload} there. {@code nginx-container}: nginx is the container {@code container} on the
     * same engine, sharing the app's network with the colors; everything goes through the Docker API,
     * {@code includeDir} is a directory inside that container, and {@code test}/{@code reload} run in it.
     *
     * @param url where nginx answers for this app (for nginx-container: as seen from inside its container),
     *     used to confirm the switch and to verify
     * @param listen when set, the include also renders a server block listening here
     * @param stateDir deprecated: where older versions kept this machine's history file, read only to import it to the engine
     */
    public record Router(Kind kind, String container, Path includeDir, Path stateDir, String url, String listen,
                         String serverName, List<String> test, List<String> reload, Duration commandTimeout) {
        public enum Kind { NGINX_HOST, NGINX_CONTAINER }

        public boolean inContainer() {
            return kind == Kind.NGINX_CONTAINER;
        }
    }

    public record Verify(String path, int status, int requests, Duration timeout) {}

    /**
     * @param keepWarm leave the previous color running (instant rollback) instead of stopping it
     * @param keepImages how many of the app's built images to keep; older ones no container uses are removed
     */
    public record Retire(Duration drain, boolean keepWarm, String stopSignal, Duration stopTimeout, int keepImages) {}

    /** The first (for most apps, the only) Docker engine. */
    public String dockerHost() {
        return hosts.get(0).host();
    }

    public String containerName(Color color) {
        return app + "-" + color.word();
    }
}
