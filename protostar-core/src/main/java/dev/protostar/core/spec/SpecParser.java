package dev.protostar.core.spec;

import dev.protostar.core.Printable;
import dev.protostar.core.api.Advice;
import dev.protostar.core.api.DockerEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Reads {@code protostar.yml}. Only composes the node tree (no objects are constructed from tags),
 * and every value that reaches a container name, an nginx file or a command is checked against
 * a narrow character set, so no value can inject an nginx directive or a Docker argument.
 */
public final class SpecParser {
    static final int MAX_BYTES = 256 * 1024;
    static final int MAX_ALIASES = 20;
    static final int MAX_DEPTH = 20;

    /**
     * At most 30 characters: nginx's default variables_hash_bucket_size (64) holds the include's
     * {@code $protostar_<app>_color} only up to that length; a longer name failed nginx -t at the switch.
     */
    static final Pattern APP = Pattern.compile("[a-z][a-z0-9-]{0,29}");
    private static final Pattern KINDS = Pattern.compile(java.util.Arrays.stream(AppSpec.Router.Kind.values())
            .map(k -> Pattern.quote(k.word())).collect(java.util.stream.Collectors.joining("|")));
    private static final Pattern IMAGE = Pattern.compile("([a-z0-9][a-z0-9.-]{0,252}(:\\d{1,5})?/)?[a-z0-9]+(?:[._/-][a-z0-9]+){0,30}");
    private static final Pattern NETWORK = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    static final Pattern CONTAINER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    static final Pattern URL_PATH = Pattern.compile("/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]{0,500}");
    private static final Pattern BASE_URL = Pattern.compile("http://(\\[[0-9a-fA-F:]{2,39}\\]|[A-Za-z0-9.-]{1,253})(:\\d{1,5})?");
    private static final Pattern LISTEN = Pattern.compile("((\\d{1,3}\\.){3}\\d{1,3}:|\\[[0-9a-fA-F:]{2,39}\\]:|\\*:)?\\d{1,5}");
    private static final Pattern PORTS = Pattern.compile("\\d{1,5}-\\d{1,5}");
    private static final Pattern SERVER_NAME = Pattern.compile("[A-Za-z0-9*_.][A-Za-z0-9*._-]{0,252}( [A-Za-z0-9*_.][A-Za-z0-9*._-]{0,252}){0,15}");
    private static final Pattern HTTP_BASE = Pattern.compile("https?://(\\[[0-9a-fA-F:]{2,39}\\]|[A-Za-z0-9.-]{1,253})(:\\d{1,5})?(/[A-Za-z0-9._~/-]{0,200})?");
    private static final Pattern REL_PATH = Pattern.compile("[A-Za-z0-9._/-]{1,500}");
    private static final Pattern ABS_OR_REL_PATH = Pattern.compile("[A-Za-z0-9._/~-]{1,1000}");
    private static final Pattern ARG = Pattern.compile("[A-Za-z0-9._/=:@%+,-]{1,1000}");
    private static final Pattern SIGNAL = Pattern.compile("SIG(HUP|INT|QUIT|KILL|USR1|USR2|TERM|WINCH|PWR|RTMIN\\+([1-9]|1[0-5]))");
    private static final Pattern TOP_LEVEL_TEXT = Pattern.compile("[^\\x00-\\x1f\\x7f]{0,200}");

    private SpecParser() {}

    public static AppSpec parse(Path file) {
        return parse(file, null);
    }

    /**
     * @param baseDir what relative paths in the spec (build context, TLS files) are resolved against, when the spec
     *     file is not where they start (a Jenkins step reads a spec it wrote outside the workspace); null: its directory
     */
    public static AppSpec parse(Path file, Path baseDir) {
        return parse(file, baseDir, Advice.COMMAND_LINE);
    }

    /** @param advice the caller's words for where to name the spec file */
    public static AppSpec parse(Path file, Path baseDir, Advice advice) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (!Files.exists(file)) {
            throw new SpecException(name, "", 0, 0, "there is no spec file at " + file.toAbsolutePath()
                    + " (" + advice.specLocation() + ")");
        }
        if (Files.isDirectory(file)) {
            throw new SpecException(name, "", 0, 0, file.toAbsolutePath() + " is a directory, not a spec file");
        }
        if (!Files.isRegularFile(file)) {
            // A FIFO would block the read forever and a device like /dev/zero never ends.
            throw new SpecException(name, "", 0, 0, file.toAbsolutePath() + " is not a regular file (a device or a pipe?); "
                    + "refusing to read it");
        }
        Path dir = baseDir != null ? baseDir.toAbsolutePath() : file.toAbsolutePath().getParent();
        return parse(name, read(name, file), dir);
    }

    /** At most {@link #MAX_BYTES} (also when the file grows while it is read), as strict UTF-8. */
    private static String read(String name, Path file) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new SpecException(name, "", 0, 0, "cannot read the spec file (" + e.getClass().getSimpleName() + ")");
        }
        if (bytes.length > MAX_BYTES) {
            throw new SpecException(name, "", 0, 0, tooLarge());
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new SpecException(name, "", 0, 0, "the spec is not UTF-8 text");
        }
    }

    private static String tooLarge() {
        return "the spec is larger than " + MAX_BYTES / 1024 + " KiB; refusing to read it";
    }

    /**
     * @param baseDir the directory relative paths in the spec (build context, include dir) are resolved against
     */
    public static AppSpec parse(String source, String yamlText, Path baseDir) {
        return parse(source, yamlText, baseDir, true);
    }

    /**
     * Checks the text as {@link #parse(String, String, Path)} does, without reading any file it names: the TLS
     * files' paths are checked, their contents are left to where the engine runs (a Jenkins agent, not the
     * controller that checks a form).
     *
     * @throws SpecException naming the field, line and column of the first problem
     */
    public static void check(String source, String yamlText) {
        parse(source, yamlText, Path.of("").toAbsolutePath(), false);
    }

    private static AppSpec parse(String source, String yamlText, Path baseDir, boolean readFiles) {
        if (yamlText == null) {
            throw new SpecException(source, "app", 0, 0, "is required (there is no spec)");
        }
        if (yamlText.length() > MAX_BYTES) {
            throw new SpecException(source, "", 0, 0, tooLarge());
        }
        Node root = compose(source, yamlText);
        if (root == null) {
            throw new SpecException(source, "app", 0, 0, "is required (the spec is empty)");
        }
        return read(new SpecNode(source, "", root), baseDir, readFiles);
    }

    private static Node compose(String source, String text) {
        Reader reader = new StringReader(text);
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_BYTES);
        options.setAllowRecursiveKeys(false);
        try {
            return new Yaml(new SafeConstructor(options)).compose(reader);
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark();
            String problem = e.getProblem() == null ? "not valid YAML" : "not valid YAML: " + Printable.of(e.getProblem());
            throw new SpecException(source, "", m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1, problem);
        } catch (ReaderException e) {
            // A character YAML does not allow in a file (NUL, most control characters): say where.
            int points = Math.max(0, Math.min(e.getPosition(), text.codePointCount(0, text.length())));
            int at = text.offsetByCodePoints(0, points); // the reader counts code points
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < at; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new SpecException(source, "", line, at - lineStart + 1, String.format("not valid YAML: the character U+%04X "
                    + "is not allowed in a YAML file (write it as an escape in a double-quoted string)", e.getCodePoint()));
        } catch (YAMLException e) {
            throw new SpecException(source, "", 0, 0, limitWords(e.getMessage()));
        } catch (StackOverflowError e) {
            // Not reached with the depth limit above; a YAML reader fed hostile input still must not take the JVM down.
            throw new SpecException(source, "", 0, 0, "not valid YAML: nested too deeply");
        } catch (RuntimeException e) {
            throw new SpecException(source, "", 0, 0, "not valid YAML (the YAML reader gave up: " + e.getClass().getSimpleName() + ")");
        }
    }

    /** SnakeYAML's refusals of hostile documents, in words that say what to change. */
    private static String limitWords(String message) {
        String m = message == null ? "" : message;
        if (m.contains("aliases for non-scalar nodes")) {
            return "not valid YAML: more than " + MAX_ALIASES + " aliases (*name) to lists or mappings; refusing it "
                    + "(a spec needs none, and many are how a \"billion laughs\" document blows up)";
        }
        if (m.contains("Nesting Depth exceeded")) {
            return "not valid YAML: lists and mappings nested more than " + MAX_DEPTH + " deep; refusing it";
        }
        if (m.contains("exceeds the limit")) {
            return tooLarge();
        }
        if (m.contains("Recursive key")) {
            return "not valid YAML: a key refers to the mapping it is in (a recursive alias)";
        }
        return "not valid YAML: " + Printable.of(m);
    }

    private static AppSpec read(SpecNode root, Path baseDir, boolean readFiles) {
        String app = root.required("app", APP, "lower-case letters, digits and '-', starting with a letter, at most 30 characters "
                + "(nginx's default variables_hash_bucket_size holds $protostar_<app>_color up to that length)");
        String image = root.string("image", app, IMAGE, "an image repository name like myorg/app or registry.example.com:5000/team/app, "
                + "lower case and without a tag (each deploy tags it with its deploy id)");
        int port = root.integer("port", 8080, 1, 65535);
        SpecNode buildNode = root.child("build");
        EnvFields.Values args = buildNode == null ? new EnvFields.Values(Map.of(), List.of()) : EnvFields.read(buildNode, "args");
        AppSpec.Build build = build(buildNode, baseDir, args.written());
        if (build.push() && !ImageReference.parse(image).namesRegistry()) {
            String name = image.substring(image.lastIndexOf('/') + 1);
            throw buildNode.invalid("push", "needs image: to name the registry to push to, like registry.example.com/team/"
                    + name + " or 127.0.0.1:5000/" + name + " (image: is " + image + ")");
        }
        String pullWord = root.string("pull", AppSpec.Pull.MISSING.word(), Pattern.compile("missing|always|never"),
                "missing (pull on a host that lacks the image), always (pull on every host, every deploy) or never");
        AppSpec.Pull pull = java.util.Arrays.stream(AppSpec.Pull.values()).filter(p -> p.word().equals(pullWord)).findFirst().orElseThrow();
        EnvFields.Values env = EnvFields.read(root, "env");
        List<Deferred.EnvFile> envFiles = EnvFields.files(root, baseDir);
        String network = root.string("network", "bridge", NETWORK, "a Docker network name (letters, digits, '_', '.', '-')");
        if (network.equals("host") || network.equals("none") || network.startsWith("container:")) {
            throw root.invalid("network", "\"" + network + "\" is not supported: the colors publish their port on 127.0.0.1, "
                    + "which needs bridge or a user-defined network");
        }
        AppSpec.Health health = health(root.child("health"));
        AppSpec.Router router = router(root.child("router"), baseDir);
        List<DockerEndpoint> hosts = DockerHosts.read(root.child("docker"), readFiles ? baseDir : null, router.inContainer());
        if (router.inContainer() && network.equals("bridge")) {
            throw root.invalid("network", "with router.kind nginx-container it must be the user-defined Docker network that the "
                    + "nginx container " + router.container() + " is on (docker network create web; docker network connect web "
                    + router.container() + ")");
        }
        ContainerOptions container = ContainerBlock.read(root.child("container"), network);
        AppSpec.Verify verify = verify(root.child("verify"));
        AppSpec.Retire retire = retire(root.child("retire"));
        Duration lease = Duration.ofMinutes(2);
        SpecNode lock = root.child("lock");
        if (lock != null) {
            lease = lock.duration("lease", lease, Duration.ofSeconds(10), Duration.ofHours(24));
            lock.rejectUnknown();
        }
        AppSpec.Metrics metrics = metrics(root.child("metrics"), baseDir);
        Hooks hooks = HookBlock.read(root.child("hooks"), router.listen() != null);
        root.rejectUnknown();
        Deferred deferred = new Deferred(root.source(), env.fromEnv(), args.fromEnv(), envFiles);
        return new AppSpec(app, image, port, build, Map.copyOf(env.written()), network, hosts, health, router, verify, retire, lease,
                container, deferred, Secrets.NONE, metrics, hooks, pull);
    }

    private static AppSpec.Build build(SpecNode n, Path baseDir, Map<String, String> args) {
        if (n == null) {
            return new AppSpec.Build(baseDir, baseDir, "Dockerfile", Map.of(), Duration.ofMinutes(30));
        }
        String context = n.string("context", ".", REL_PATH, "a path inside the repository (letters, digits, '.', '_', '/', '-')");
        if (context.startsWith("/") || List.of(context.split("/")).contains("..")) {
            throw n.invalid("context", "must stay inside the repository: no leading '/' and no '..'");
        }
        String dockerfile = n.string("dockerfile", "Dockerfile", REL_PATH, "a path relative to the build context");
        if (dockerfile.startsWith("/") || List.of(dockerfile.split("/")).contains("..")) {
            throw n.invalid("dockerfile", "must stay inside the build context: no leading '/' and no '..'");
        }
        Duration timeout = n.duration("timeout", Duration.ofMinutes(30), Duration.ofSeconds(10), Duration.ofHours(6));
        boolean push = n.bool("push", false);
        n.rejectUnknown();
        return new AppSpec.Build(baseDir, baseDir.resolve(context).normalize(), dockerfile, Map.copyOf(args), timeout, push);
    }

    private static AppSpec.Health health(SpecNode n) {
        if (n == null) {
            return new AppSpec.Health("/", 200, null, Duration.ofMillis(250), Duration.ofSeconds(2), 3, Duration.ofSeconds(60), true);
        }
        String path = n.string("path", "/", URL_PATH, "a URL path starting with '/', without spaces or quotes");
        int status = n.integer("status", 200, 100, 599);
        String body = n.string("body", null, TOP_LEVEL_TEXT, "text on one line, at most 200 characters");
        Duration interval = n.duration("interval", Duration.ofMillis(250), Duration.ofMillis(50), Duration.ofMinutes(1));
        Duration timeout = n.duration("timeout", Duration.ofSeconds(2), Duration.ofMillis(50), Duration.ofMinutes(1));
        int successes = n.integer("successes", 3, 1, 100);
        Duration deadline = n.duration("deadline", Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofHours(1));
        boolean docker = n.bool("dockerHealthcheck", true);
        n.rejectUnknown();
        return new AppSpec.Health(path, status, body, interval, timeout, successes, deadline, docker);
    }

    private static AppSpec.Router router(SpecNode n, Path baseDir) {
        AppSpec.Router.Kind kind = AppSpec.Router.Kind.NGINX_HOST;
        String container = null;
        Path includeDir = Path.of(kind.includeDir());
        String url = null;
        String listen = null;
        String serverName = null;
        Path stateDir = null;
        List<String> test = kind.test();
        List<String> reload = kind.reload();
        Duration commandTimeout = Duration.ofSeconds(30);
        PortRange ports = null;
        if (n != null) {
            String k = n.string("kind", kind.word(), KINDS, AppSpec.Router.Kind.described());
            kind = AppSpec.Router.Kind.of(k).orElseThrow();
            includeDir = Path.of(kind.includeDir());
            test = kind.test();
            reload = kind.reload();
            if (kind.inContainer()) {
                container = n.string("container", "nginx", CONTAINER, "a container name (letters, digits, '_', '.', '-')");
                String inside = n.string("includeDir", includeDir.toString(), ABS_OR_REL_PATH,
                        "a directory path inside the nginx container (letters, digits, '.', '_', '/', '-')");
                if (!inside.startsWith("/") || List.of(inside.split("/")).contains("..")) {
                    throw n.invalid("includeDir", "must be an absolute path inside the nginx container, without '..'");
                }
                includeDir = Path.of(inside);
                if (n.string("ports", null, null, null) != null) {
                    throw n.invalid("ports", "only applies with kind: nginx-host (nginx in a container reaches the colors over the "
                            + "app's network, so they publish no port)");
                }
            } else {
                if (n.string("container", null, null, null) != null) {
                    throw n.invalid("container", "only applies with kind: " + java.util.Arrays.stream(AppSpec.Router.Kind.values())
                            .filter(AppSpec.Router.Kind::inContainer).map(AppSpec.Router.Kind::word)
                            .collect(java.util.stream.Collectors.joining(" or ")));
                }
                includeDir = baseDir.resolve(n.string("includeDir", includeDir.toString(), ABS_OR_REL_PATH,
                        "a directory path (letters, digits, '.', '_', '/', '-')")).normalize();
            }
            String state = n.string("stateDir", null, ABS_OR_REL_PATH, "a directory path (letters, digits, '.', '_', '/', '-')");
            stateDir = state == null ? null : baseDir.resolve(state).normalize();
            listen = n.string("listen", null, LISTEN, "a port, or address:port such as 127.0.0.1:8080");
            if (listen != null && !validHostPort(listen)) {
                throw n.invalid("listen", "\"" + listen + "\" is not a valid address: the port must be 1 to 65535 and each IPv4 number 0 to 255");
            }
            serverName = n.string("serverName", null, SERVER_NAME, "host names separated by single spaces");
            url = n.string("url", null, BASE_URL, "http://host[:port] with no path");
            if (url != null && !validHostPort(url.substring("http://".length()))) {
                throw n.invalid("url", "\"" + url + "\" has a port outside 1 to 65535");
            }
            if (url != null && !parsesAsHost(url)) {
                throw n.invalid("url", "\"" + url + "\" has no host name that can be connected to");
            }
            test = n.stringList("test", test, ARG, "plain command words (no spaces, quotes or shell characters)");
            reload = n.stringList("reload", reload, ARG, "plain command words (no spaces, quotes or shell characters)");
            if (test.isEmpty() || reload.isEmpty()) {
                throw n.invalid(test.isEmpty() ? "test" : "reload", "must name a command");
            }
            commandTimeout = n.duration("commandTimeout", commandTimeout, Duration.ofSeconds(1), Duration.ofMinutes(10));
            if (!kind.inContainer()) {
                ports = ports(n, listen);
            }
            n.rejectUnknown();
        }
        if (url == null) {
            url = listen == null ? "http://127.0.0.1" : "http://" + listenToHost(listen);
        }
        if (stateDir == null) {
            stateDir = kind.inContainer()
                    ? Path.of(System.getProperty("user.home"), ".protostar", "state")
                    : includeDir.resolve(".protostar");
        }
        return new AppSpec.Router(kind, container, includeDir, stateDir, url, listen, serverName, test, reload, commandTimeout, ports);
    }

    /** {@code router.ports: first-last}, or null when not set. */
    private static PortRange ports(SpecNode n, String listen) {
        String range = n.string("ports", null, PORTS, "a range of host ports such as 20000-20009");
        if (range == null) {
            return null;
        }
        int first = Integer.parseInt(range.substring(0, range.indexOf('-')));
        int last = Integer.parseInt(range.substring(range.indexOf('-') + 1));
        if (first < 1 || last > 65535) {
            throw n.invalid("ports", range + ": each port must be 1 to 65535");
        }
        if (first > last) {
            throw n.invalid("ports", range + ": the first port is above the last");
        }
        PortRange ports = new PortRange(first, last);
        if (ports.size() < PortRange.MIN_SIZE) {
            throw n.invalid("ports", range + " holds " + ports.size() + " port(s); at least " + PortRange.MIN_SIZE + " are needed, as "
                    + "many as can run at once: the live color, the previous one (kept to roll back to), the new one booting "
                    + "beside them, and one a deploy that died set aside");
        }
        if (listen != null && ports.contains(Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1)))) {
            throw n.invalid("ports", range + " holds " + listen.substring(listen.lastIndexOf(':') + 1)
                    + ", where nginx itself listens (router.listen)");
        }
        return ports;
    }

    static boolean parsesAsHost(String url) {
        try {
            return java.net.URI.create(url).getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** [host:]port or host[:port]: any port is 1-65535 and IPv4 numbers are at most 255. */
    static boolean validHostPort(String value) {
        String host;
        String port;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            host = value.substring(0, close + 1);
            port = value.length() > close + 2 ? value.substring(close + 2) : "";
        } else if (value.contains(":")) {
            host = value.substring(0, value.lastIndexOf(':'));
            port = value.substring(value.lastIndexOf(':') + 1);
        } else if (value.matches("\\d+")) {
            host = "";
            port = value;
        } else {
            host = value;
            port = "";
        }
        if (!port.isEmpty()) {
            try {
                int p = Integer.parseInt(port);
                if (p < 1 || p > 65535) {
                    return false;
                }
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (host.matches("(\\d{1,3}\\.){3}\\d{1,3}")) {
            for (String octet : host.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String listenToHost(String listen) {
        if (listen.startsWith("[::]:")) {
            return "[::1]:" + listen.substring("[::]:".length()); // nginx listens on IPv6 only there by default
        }
        if (!listen.contains(":") || listen.startsWith("0.0.0.0:") || listen.startsWith("*:")) {
            return "127.0.0.1:" + listen.substring(listen.lastIndexOf(':') + 1);
        }
        return listen;
    }

    private static AppSpec.Verify verify(SpecNode n) {
        if (n == null) {
            return new AppSpec.Verify("/", 200, 10, Duration.ofSeconds(5));
        }
        String path = n.string("path", "/", URL_PATH, "a URL path starting with '/', without spaces or quotes");
        int status = n.integer("status", 200, 100, 599);
        int requests = n.integer("requests", 10, 1, 1000);
        Duration timeout = n.duration("timeout", Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofMinutes(1));
        n.rejectUnknown();
        return new AppSpec.Verify(path, status, requests, timeout);
    }

    private static AppSpec.Metrics metrics(SpecNode n, Path baseDir) {
        if (n == null) {
            return AppSpec.Metrics.NONE;
        }
        String dir = n.string("textfileDir", null, ABS_OR_REL_PATH, "an absolute directory path on the Docker engine's host "
                + "(letters, digits, '.', '_', '/', '-'), e.g. /var/lib/prometheus/node-exporter");
        if (dir != null && (!dir.startsWith("/") || List.of(dir.split("/")).contains(".."))) {
            throw n.invalid("textfileDir", "must be an absolute path on the Docker engine's host, without '..' "
                    + "(node_exporter's --collector.textfile.directory)");
        }
        java.net.URI push = httpBase(n, "pushgateway", "http(s)://host[:port] of a Prometheus Pushgateway, optionally with a path");
        String events = n.string("events", null, ABS_OR_REL_PATH, "a file path for one JSON line per event, or - for standard output");
        java.net.URI grafana = httpBase(n, "grafana", "http(s)://host[:port] of Grafana, optionally with a path");
        n.rejectUnknown();
        return new AppSpec.Metrics(dir == null ? null : Path.of(dir), push,
                events == null ? null : events.equals("-") ? AppSpec.Metrics.STDOUT : baseDir.resolve(events).normalize(), grafana);
    }

    /** An http(s) base URL without a trailing '/', or null. */
    private static java.net.URI httpBase(SpecNode n, String key, String allowedInWords) {
        String url = n.string(key, null, HTTP_BASE, allowedInWords);
        if (url == null) {
            return null;
        }
        if (!validHostPort(url.substring(url.indexOf("//") + 2).replaceFirst("/.*", "")) || !parsesAsHost(url)) {
            throw n.invalid(key, "\"" + url + "\" has no host name that can be connected to, or a port outside 1 to 65535");
        }
        return java.net.URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    private static AppSpec.Retire retire(SpecNode n) {
        if (n == null) {
            return new AppSpec.Retire(Duration.ofSeconds(2), true, "SIGTERM", Duration.ofSeconds(30), 5);
        }
        Duration drain = n.duration("drain", Duration.ofSeconds(2), Duration.ZERO, Duration.ofHours(1));
        String previous = n.string("previous", "warm", Pattern.compile("warm|stop"), "warm (keep it running for instant rollback) or stop");
        String signal = n.string("stopSignal", "SIGTERM", SIGNAL, "a signal name: SIGTERM, SIGQUIT, SIGINT, SIGHUP, SIGUSR1, SIGUSR2, SIGWINCH, SIGPWR, SIGKILL or SIGRTMIN+1 to +15");
        Duration stopTimeout = n.duration("stopTimeout", Duration.ofSeconds(30), Duration.ZERO, Duration.ofHours(1));
        if (stopTimeout.toMillis() % 1000 != 0) {
            throw n.invalid("stopTimeout", "must be whole seconds (Docker counts the stop timeout in seconds)");
        }
        int keepImages = n.integer("keepImages", 5, 2, 1000);
        if ("stop".equals(previous) && drain.compareTo(Duration.ofSeconds(1)) < 0) {
            throw n.invalid("drain", "with previous: stop it must be at least 1s: nginx's old workers may still be sending "
                    + "requests to the old color, and stopping it under them fails those requests");
        }
        n.rejectUnknown();
        return new AppSpec.Retire(drain, "warm".equals(previous), signal, stopTimeout, keepImages);
    }
}
