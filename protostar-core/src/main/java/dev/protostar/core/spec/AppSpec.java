package dev.protostar.core.spec;

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
        String dockerHost,
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
     * nginx on the host: the tool writes {@code protostar-<app>.conf} into {@code includeDir}
     * and runs {@code test} then {@code reload}.
     *
     * @param url where nginx answers for this app, used to confirm the switch and to verify
     * @param listen when set, the include also renders a server block listening here
     */
    public record Router(Path includeDir, Path stateDir, String url, String listen, String serverName,
                         List<String> test, List<String> reload, Duration commandTimeout) {}

    public record Verify(String path, int status, int requests, Duration timeout) {}

    /**
     * @param keepWarm leave the previous color running (instant rollback) instead of stopping it
     * @param keepImages how many of the app's built images to keep; older ones no container uses are removed
     */
    public record Retire(Duration drain, boolean keepWarm, String stopSignal, Duration stopTimeout, int keepImages) {}

    public String containerName(Color color) {
        return app + "-" + color.word();
    }
}
