package dev.protostar.core.spec;

import dev.protostar.core.api.DockerEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One app's deploy spec, as read from its {@code protostar.yml}, with every default filled in.
 *
 * @param env the container's environment: as parsed, only the values written in the spec; after
 *     {@link DeployEnvironment#resolve} also those taken from the deploying machine ({@code deferred})
 * @param deferred what is still to be read from the deploying machine before a container can be started
 * @param secrets the values read from the deploying machine, masked wherever text is shown or kept
 * @param hooks what runs around the switch
 * @param pull when a host pulls the image a deploy names
 */
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
        Duration lockLease,
        ContainerOptions container,
        Deferred deferred,
        Secrets secrets,
        Metrics metrics,
        Hooks hooks,
        Pull pull) {

    /** A spec with the default {@link Pull#MISSING}. */
    public AppSpec(String app, String image, int port, Build build, Map<String, String> env, String network,
                   List<DockerEndpoint> hosts, Health health, Router router, Verify verify, Retire retire, Duration lockLease,
                   ContainerOptions container, Deferred deferred, Secrets secrets, Metrics metrics, Hooks hooks) {
        this(app, image, port, build, env, network, hosts, health, router, verify, retire, lockLease, container, deferred, secrets,
                metrics, hooks, Pull.MISSING);
    }

    /** A spec without hooks, pulling a missing image. */
    public AppSpec(String app, String image, int port, Build build, Map<String, String> env, String network,
                   List<DockerEndpoint> hosts, Health health, Router router, Verify verify, Retire retire, Duration lockLease,
                   ContainerOptions container, Deferred deferred, Secrets secrets, Metrics metrics) {
        this(app, image, port, build, env, network, hosts, health, router, verify, retire, lockLease, container, deferred, secrets,
                metrics, Hooks.NONE, Pull.MISSING);
    }

    /** A spec without container options, deferred values, secrets, a {@code metrics:} section or hooks. */
    public AppSpec(String app, String image, int port, Build build, Map<String, String> env, String network,
                   List<DockerEndpoint> hosts, Health health, Router router, Verify verify, Retire retire, Duration lockLease) {
        this(app, image, port, build, env, network, hosts, health, router, verify, retire, lockLease, ContainerOptions.DEFAULT,
                Deferred.NONE, Secrets.NONE, Metrics.NONE, Hooks.NONE, Pull.MISSING);
    }

    /** The same spec with its environment and build args as read from the deploying machine. */
    AppSpec resolved(Map<String, String> resolvedEnv, Map<String, String> resolvedArgs, Hooks resolvedHooks, Secrets read) {
        Build b = new Build(build.root(), build.context(), build.dockerfile(), resolvedArgs, build.timeout(), build.push());
        return new AppSpec(app, image, port, b, resolvedEnv, network, hosts, health, router, verify, retire, lockLease, container,
                Deferred.NONE, secrets.and(read), metrics, resolvedHooks, pull);
    }

    /**
     * @param root the repository (the spec's directory); the context must stay inside it
     * @param push push what was built to the registry {@code image} names, and deploy it by its digest on every host
     */
    public record Build(Path root, Path context, String dockerfile, Map<String, String> args, Duration timeout, boolean push) {
        public Build(Path root, Path context, String dockerfile, Map<String, String> args, Duration timeout) {
            this(root, context, dockerfile, args, timeout, false);
        }

        @Override
        public String toString() {
            return "Build[root=" + root + ", context=" + context + ", dockerfile=" + dockerfile + ", args=" + args.keySet()
                    + ", timeout=" + timeout + ", push=" + push + "]"; // an arg's value may be a secret
        }
    }

    /** When a host pulls the image a deploy names ({@code pull:}). */
    public enum Pull {
        /** Only on a host that does not have it (by name; by digest once the first host has pinned it). */
        MISSING("missing"),
        /** On every host, every deploy, so a tag that moved in the registry is followed. */
        ALWAYS("always"),
        /** Never: every host must have it already (built, loaded or pulled by hand). */
        NEVER("never");

        private final String word;

        Pull(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

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
     * @param ports with nginx on the host, the ports the colors publish on 127.0.0.1; null for any free one (the
     *     replaced container's own where free)
     * @param stateDir deprecated: where older versions kept this machine's history file, read only to import it to the engine
     */
    public record Router(Kind kind, String container, Path includeDir, Path stateDir, String url, String listen,
                         String serverName, List<String> test, List<String> reload, Duration commandTimeout, PortRange ports) {
        /** A router whose colors publish on any free port ({@code router.ports} not set). */
        public Router(Kind kind, String container, Path includeDir, Path stateDir, String url, String listen,
                      String serverName, List<String> test, List<String> reload, Duration commandTimeout) {
            this(kind, container, includeDir, stateDir, url, listen, serverName, test, reload, commandTimeout, null);
        }

        /**
         * A router kind as {@code router.kind} names it: its word, whether the proxy is a container on the app's Docker
         * engine (reached through the Docker API, {@code router.container}) rather than a process on the engine's host,
         * and the defaults of {@code router.includeDir}, {@code router.test} and {@code router.reload}. A new kind is a
         * constant here, an entry in {@code router.Routers} and its router class.
         */
        public enum Kind {
            NGINX_HOST("nginx-host", false, "nginx runs on the Docker engine's host",
                    NginxDefaults.INCLUDE_DIR, NginxDefaults.TEST, NginxDefaults.RELOAD),
            NGINX_CONTAINER("nginx-container", true, "nginx runs in a container on that engine",
                    NginxDefaults.INCLUDE_DIR, NginxDefaults.TEST, NginxDefaults.RELOAD);

            private final String word;
            private final boolean inContainer;
            private final String meaning;
            private final String includeDir;
            private final List<String> test;
            private final List<String> reload;

            Kind(String word, boolean inContainer, String meaning, String includeDir, List<String> test, List<String> reload) {
                this.word = word;
                this.inContainer = inContainer;
                this.meaning = meaning;
                this.includeDir = includeDir;
                this.test = test;
                this.reload = reload;
            }

            public String includeDir() {
                return includeDir;
            }

            public List<String> test() {
                return test;
            }

            public List<String> reload() {
                return reload;
            }

            public String word() {
                return word;
            }

            public boolean inContainer() {
                return inContainer;
            }

            /** The kind {@code router.kind} names, if any. */
            public static java.util.Optional<Kind> of(String word) {
                return java.util.Arrays.stream(values()).filter(k -> k.word.equals(word)).findFirst();
            }

            /** Every kind with what it means, for messages: "a (…), b (…) or c (…)". */
            public static String described() {
                List<String> each = java.util.Arrays.stream(values()).map(k -> k.word + " (" + k.meaning + ")").toList();
                return each.size() == 1 ? each.get(0)
                        : String.join(", ", each.subList(0, each.size() - 1)) + " or " + each.get(each.size() - 1);
            }
        }

        public boolean inContainer() {
            return kind.inContainer();
        }

        /** nginx's defaults, shared by both nginx kinds. */
        private static final class NginxDefaults {
            static final String INCLUDE_DIR = "/etc/nginx/conf.d";
            static final List<String> TEST = List.of("nginx", "-t");
            static final List<String> RELOAD = List.of("nginx", "-s", "reload");
        }
    }

    public record Verify(String path, int status, int requests, Duration timeout) {}

    /**
     * @param keepWarm leave the previous color running (instant rollback) instead of stopping it
     * @param keepImages how many of the app's built images to keep; older ones no container uses are removed
     */
    public record Retire(Duration drain, boolean keepWarm, String stopSignal, Duration stopTimeout, int keepImages) {}

    /**
     * Where the engine publishes each deploy, switch and verify for the users' monitoring; every part is optional.
     *
     * @param textfileDir node_exporter's textfile-collector directory on the Docker engine's host, or null
     * @param pushgateway a Prometheus Pushgateway's base URL, or null
     * @param events where one JSON line per event goes: a file, or null; {@link #STDOUT} for standard output
     * @param grafana a Grafana's base URL for an annotation per deploy and switch (its token from {@link #GRAFANA_TOKEN}), or null
     */
    public record Metrics(Path textfileDir, java.net.URI pushgateway, Path events, java.net.URI grafana) {
        public static final Metrics NONE = new Metrics(null, null, null, null);
        public static final Path STDOUT = Path.of("-");
        /** The environment variable that holds the Grafana service account token (never the spec: it is in Git). */
        public static final String GRAFANA_TOKEN = "PROTOSTAR_GRAFANA_TOKEN";

        public boolean any() {
            return textfileDir != null || pushgateway != null || events != null || grafana != null;
        }
    }

    /** The first (for most apps, the only) Docker engine. */
    public String dockerHost() {
        return hosts.get(0).host();
    }

    @Override
    public String toString() {
        // env values may be secrets: only their names
        return "AppSpec[app=" + app + ", image=" + image + ", port=" + port + ", build=" + build + ", env=" + env.keySet()
                + ", network=" + network + ", hosts=" + hosts + ", router=" + router + ", container=" + container + ", hooks=" + hooks + "]";
    }

    public String containerName(Color color) {
        return app + "-" + color.word();
    }
}
