package dev.protostar.core.spec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.router.NginxInclude;
import dev.protostar.core.router.Route;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzzes the spec parser with jqwik: valid specs mutated (wrong types, missing and extra fields,
 * unicode and control characters, huge strings, deep nesting, anchors and aliases, raw bytes), and
 * plain arbitrary text. Each input must either parse into a spec whose values render a well-formed
 * nginx include, or be refused with a {@link SpecException} that names a field or a YAML line and
 * quotes nothing raw; never another exception, never longer than the per-input bound.
 *
 * <p>Counts are printed at the end (grep "spec fuzz:" in the test output).
 */
class SpecFuzzTest {
    /**
     * Per input; a parse takes milliseconds, so this only catches a hang (or a catastrophic regex). Wide, because a
     * busy 2-core machine (load 40 here, beside a full suite) stretched single parses past 2 s.
     */
    private static final long BOUND_MS = 30_000;
    private static final ExecutorService RUNNER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "spec-fuzz");
        t.setDaemon(true);
        return t;
    });
    private static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();
    private static final Path BASE = Path.of(System.getProperty("java.io.tmpdir"), "protostar-spec-fuzz-nonexistent");

    static final List<String> SEEDS = List.of(
            """
            app: nest
            port: 3000
            router: { listen: 127.0.0.1:8080 }
            """,
            """
            app: nest
            image: myorg/nest
            port: 8080
            build:
              context: .
              dockerfile: Dockerfile
              args: { NODE_ENV: production }
              timeout: 30m
            env:
              NODE_ENV: production
              GREETING: "hello; world {} $host"
            network: bridge
            docker:
              host: unix:///var/run/docker.sock
            health:
              path: /health?x=1
              status: 200
              body: ok
              interval: 250ms
              timeout: 2s
              successes: 3
              deadline: 60s
              dockerHealthcheck: true
            router:
              kind: nginx-host
              includeDir: /etc/nginx/conf.d
              listen: 127.0.0.1:8080
              serverName: api.example www.example
              url: http://127.0.0.1:8080
              test: [nginx, -t]
              reload: [nginx, -s, reload]
              commandTimeout: 30s
            verify:
              path: /
              status: 200
              requests: 10
              timeout: 5s
            retire:
              drain: 2s
              previous: warm
              stopSignal: SIGTERM
              stopTimeout: 30s
              keepImages: 5
            lock:
              lease: 2m
            """,
            """
            app: api-2
            port: 3000
            network: web
            docker:
              host: tcp://127.0.0.1:2375
            router:
              kind: nginx-container
              container: nginx
              includeDir: /etc/nginx/conf.d
              listen: 80
              serverName: api.example
            retire: { previous: stop, drain: 1s }
            """,
            """
            app: x
            health: &h { path: /health, status: 204 }
            verify: *h
            env: &e { A: "1" }
            build: { args: *e }
            """,
            """
            app: ml
            port: 8000
            network: web
            envFile: [.env, deploy/prod.env]
            env:
              REDIS_URL: { fromEnv: REDIS_URL }
              NODE_ENV: production
            build: { args: { NPM_TOKEN: { fromEnv: NPM_TOKEN } } }
            container:
              volumes: ["models:/models:ro", "/srv/up:/up"]
              memory: 2g
              cpus: 1.5
              networks: [db]
              labels: { team: ml }
              logging: { driver: json-file, options: { max-size: 10m, max-file: 3 } }
              user: "1000:1000"
              gpus: all
              extraHosts: ["db.internal:10.0.0.5", "gw:host-gateway"]
              ulimits: { nofile: { soft: 1024, hard: 2048 }, nproc: 512 }
              init: true
            """);

    /** Values that break things elsewhere: nginx, shells, Docker, YAML itself, numbers and durations. */
    static final List<String> HOSTILE = List.of(
            "a;b", "x { }", "}", "{", "foo\nbar", "foo\r\nbar", "$host", "${x}", "\"q\"", "'q'", "`id`", "$(id)", "a b",
            "; include /etc/passwd;", "127.0.0.1:80; deny all", "\u0000", "\u001b[31mred", "\u2028", "\u202eevil", "\u0085",
            "\uFEFF", "\uD800", "\uD83D\uDE00", "../..", "/..", "..", "/etc", "-v", "--privileged", "-H", "http://evil/;x",
            "http://a@b", "http://[::1]:0", "http://127.0.0.1:99999", "*", "~", "&a x", "*a", "*undefined", "!!python/object:os.system",
            "!!binary aGVsbG8=", "!custom x", "<<: *a", "[1, 2]", "{a: b}", "[", "]", "null", "~", "true", "yes", "0x1F", "0o17",
            "1e9", "99999999999", "-1", "0", "1:20", ".inf", ".nan", "2147483648", "-2147483649", "5 s", "1d", "999999999h",
            "0ms", "1.5s", "SIGKILL", "SIGRTMIN+16", "container:x", "host", "none", "tcp://evil.example:2375",
            "unix:///var/run/docker.sock", "unix:///../../etc", "tcp://[::1]:2375", "nginx-container", "nginx-host",
            "%YAML 1.1", "---", "...", "? [a]", "|", ">", "\t", "#", "a: b: c", "- x", "\"unterminated", "'unterminated",
            "\"\\x00\"", "\"\\u0000\"", "\"\\e[31m\"", "\"\\N\"", "\"\\L\"", "0.0.0.0:80", "[::]:80", "256.1.1.1:80",
            "_", "*.example", "a..b", "ß", "名前", "\u0301", "a".repeat(31), "a".repeat(41), "a".repeat(4097), "/" + "a".repeat(600));

    @Property(tries = 3000, shrinking = ShrinkingMode.BOUNDED)
    void mutatedSpecsParseOrNameTheirField(@ForAll("mutated") String yaml) {
        check(yaml, "mutated");
    }

    @Property(tries = 1000, shrinking = ShrinkingMode.BOUNDED)
    void arbitraryTextParsesOrNamesItsField(@ForAll("arbitraryText") String yaml) {
        check(yaml, "arbitrary");
    }

    @Property(tries = 1000, shrinking = ShrinkingMode.BOUNDED)
    void everyFieldTakesOnlyWhatIsSafe(@ForAll("fieldValues") String yaml) {
        check(yaml, "field");
    }

    @AfterContainer
    static void report() {
        System.out.println("spec fuzz: " + new java.util.TreeMap<>(COUNTS));
    }

    private static void check(String yaml, String kind) {
        count(kind + ".inputs");
        Future<Object> f = RUNNER.submit(() -> {
            try {
                return SpecParser.parse("protostar.yml", yaml, BASE);
            } catch (SpecException e) {
                return e;
            }
        });
        Object result;
        try {
            result = f.get(BOUND_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError("no answer within " + BOUND_MS + " ms for: " + shown(yaml));
        } catch (ExecutionException e) {
            throw new AssertionError("crashed with " + e.getCause() + " on: " + shown(yaml), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (result instanceof SpecException e) {
            count(kind + ".refused");
            refusalIsClear(e, yaml);
        } else {
            count(kind + ".accepted");
            valuesAreSafe((AppSpec) result, yaml);
        }
    }

    static void refusalIsClear(SpecException e, String yaml) {
        String m = e.getMessage();
        assertTrue(m != null && !m.isBlank(), "a refusal without words for: " + shown(yaml));
        assertTrue(!hasRaw(m), "raw control characters in: " + shown(m));
        assertTrue(m.length() < 1500, "a refusal of " + m.length() + " characters for: " + shown(yaml));
        boolean namesField = e.field() != null && !e.field().isEmpty();
        boolean namesLine = e.line() > 0;
        boolean wholeDocument = e.problem().startsWith("not valid YAML") || e.problem().startsWith("the spec is");
        assertTrue(namesField || namesLine || wholeDocument, "names neither a field nor a line: " + m);
        if (namesField) {
            count("refusals.naming-field");
        } else if (namesLine) {
            count("refusals.naming-line-only");
        } else {
            count("refusals.whole-document: " + e.problem().substring(0, Math.min(60, e.problem().length())));
        }
    }

    private static final Pattern CONTAINER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private static final Pattern WORD = Pattern.compile("[^\\s\\x00]+");

    /** What an accepted spec hands on to nginx, Docker and commands, checked at the point of use. */
    static void valuesAreSafe(AppSpec spec, String yaml) {
        for (Color c : Color.values()) {
            assertTrue(CONTAINER.matcher(spec.containerName(c)).matches(), "container name " + spec.containerName(c));
        }
        if (spec.router().container() != null) {
            assertTrue(CONTAINER.matcher(spec.router().container()).matches(), "router.container " + spec.router().container());
        }
        spec.env().forEach((k, v) -> assertTrue(k.matches("[A-Za-z_][A-Za-z0-9_]*") && v.indexOf('\0') < 0, "env " + k));
        spec.build().args().forEach((k, v) -> assertTrue(k.matches("[A-Za-z_][A-Za-z0-9_]*") && v.indexOf('\0') < 0, "build arg " + k));
        spec.deferred().env().forEach(r -> assertTrue(r.variable().matches("[A-Za-z_][A-Za-z0-9_]*"), "fromEnv " + shown(r.variable())));
        spec.deferred().envFiles().forEach(f -> assertTrue(f.written().matches("[A-Za-z0-9._/-]+"), "envFile " + shown(f.written())));
        ContainerOptions o = spec.container();
        for (ContainerOptions.Volume v : o.volumes()) {
            // Docker reads a bind as source:target:mode: neither side may carry a ':' or a ','
            assertTrue(v.source().matches("[A-Za-z0-9/][A-Za-z0-9._@+/-]*") && v.target().matches("/[A-Za-z0-9._@+/-]+")
                    && !v.target().contains(".."), "volume " + shown(v.source()) + " " + shown(v.target()));
        }
        o.networks().forEach(n -> assertTrue(CONTAINER.matcher(n).matches(), "network " + shown(n)));
        o.extraHosts().forEach(h -> assertTrue(h.matches("[A-Za-z0-9.-]+:[0-9A-Za-z.:-]+"), "extra host " + shown(h)));
        o.labels().forEach((k, v) -> assertTrue(!hasRaw(k) && !hasRaw(v) && !k.startsWith("dev.protostar."), "label " + shown(k)));
        if (o.logging() != null) {
            o.logging().options().forEach((k, v) -> assertTrue(!hasRaw(k) && !hasRaw(v), "log option " + shown(k)));
        }
        if (o.user() != null) {
            assertTrue(o.user().matches("[a-z0-9_:-]+"), "user " + shown(o.user()));
        }
        assertTrue(o.memoryBytes() >= 0 && o.nanoCpus() >= 0, "limits");
        o.ulimits().forEach(u -> assertTrue(u.soft() >= 0 && u.soft() <= u.hard(), "ulimit " + u));
        for (String w : spec.router().test()) {
            assertTrue(WORD.matcher(w).matches(), "router.test word " + shown(w));
        }
        for (String w : spec.router().reload()) {
            assertTrue(WORD.matcher(w).matches(), "router.reload word " + shown(w));
        }
        assertTrue(spec.build().context().startsWith(spec.build().root()), "build.context left the repository: " + spec.build().context());
        for (String p : List.of(spec.health().path(), spec.verify().path())) {
            assertTrue(p.startsWith("/") && p.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f && "\"<>\\^`{|}".indexOf(ch) < 0),
                    "a URL path that is not one plain word: " + shown(p));
        }
        String conf;
        try {
            conf = NginxInclude.render(spec, new Route(spec.app(), Color.BLUE, "127.0.0.1:32768", null,
                    "sha256:" + "a".repeat(64), "2026-01-01T00:00:00Z", "20260101-000000-abcd"));
        } catch (IllegalArgumentException e) {
            throw new AssertionError("the spec accepted what the include refuses (" + e.getMessage() + "): " + shown(yaml), e);
        }
        includeIsWellFormed(conf);
    }

    /** Every line a comment, an opening, a closing or one directive; braces balance; no quote but the template's. */
    static void includeIsWellFormed(String conf) {
        int depth = 0;
        for (String line : conf.split("\n", -1)) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                assertTrue(!t.contains("\r"), "a carriage return in " + shown(line));
                continue;
            }
            boolean opens = t.endsWith("{");
            boolean closes = t.equals("}") || t.endsWith("; }");
            boolean directive = t.endsWith(";") && t.indexOf(';') == t.length() - 1;
            assertTrue(opens || closes || directive, "not one directive: " + shown(line));
            depth += count(t, '{') - count(t, '}');
            assertTrue(depth >= 0, "a brace closes too much at: " + shown(line));
        }
        assertTrue(depth == 0, "braces do not balance in:\n" + conf);
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(x -> x == c).count();
    }

    static void count(String what) {
        COUNTS.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    static String shown(String s) {
        String t = s.length() > 200 ? s.substring(0, 200) + "…" : s;
        StringBuilder sb = new StringBuilder();
        t.codePoints().forEach(c -> {
            if (raw(c)) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb + " (" + s.length() + " chars)";
    }

    /** What must never reach a log line unescaped: C0 and C1 controls, line separators, bidi overrides, lone surrogates. */
    static boolean hasRaw(String s) {
        return s.codePoints().anyMatch(SpecFuzzTest::raw);
    }

    private static boolean raw(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069) || Character.getType(c) == Character.SURROGATE;
    }

    // ---- generators ------------------------------------------------------------------------------

    enum Kind { REPLACE_VALUE, DELETE_LINE, DUPLICATE_LINE, INSERT_FIELD, WRAP_IN_LIST, WRAP_IN_MAP, NEST_DEEP,
        ANCHOR_ALIAS, INSERT_CHAR, TRUNCATE, INDENT, HUGE_SCALAR }

    record Mutation(Kind kind, int at, String payload) {}

    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.of(Kind.values()), Arbitraries.integers().between(0, 10_000), payloads())
                .as(Mutation::new);
        return Combinators.combine(Arbitraries.of(SEEDS), one.list().ofMinSize(1).ofMaxSize(4)).as(SpecFuzzTest::apply);
    }

    @Provide
    Arbitrary<String> arbitraryText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(200),
                Arbitraries.strings().withChars("abpr:{}[]-&*!|>'\"#%@`,?\n\t ~.0123456789").ofMaxLength(300),
                Arbitraries.strings().withChars("[{").ofMinLength(1).ofMaxLength(20_000),
                Arbitraries.strings().ascii().ofMaxLength(1000));
    }

    /** Each field of the full seed, replaced by one value: the field-by-field injection sweep. */
    @Provide
    Arbitrary<String> fieldValues() {
        List<String> lines = SEEDS.get(1).lines().toList();
        List<Integer> valueLines = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("\\s*\\w+: .+")) {
                valueLines.add(i);
            }
        }
        return Combinators.combine(Arbitraries.of(valueLines), payloads(), Arbitraries.of("plain", "double", "single"))
                .as((i, v, quoting) -> {
                    List<String> out = new ArrayList<>(lines);
                    String line = out.get(i);
                    String key = line.substring(0, line.indexOf(':') + 1);
                    out.set(i, key + " " + quote(v, quoting));
                    return String.join("\n", out) + "\n";
                });
    }

    private static String quote(String v, String how) {
        return switch (how) {
            case "double" -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
                    .replace("\t", "\\t").replace("\0", "\\0").replace("\u001b", "\\e") + "\"";
            case "single" -> "'" + v.replace("'", "''") + "'";
            default -> v;
        };
    }

    static Arbitrary<String> payloads() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.of(HOSTILE)),
                net.jqwik.api.Tuple.of(3, Arbitraries.strings().all().ofMaxLength(30)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().withChars("a-z0-9;{}$\"'`\\ \n\t#:/.[]-*&!|").ofMaxLength(60)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withChars("a{;").ofMinLength(5_000).ofMaxLength(300_000)));
    }

    static String apply(String seed, List<Mutation> mutations) {
        List<String> lines = new ArrayList<>(seed.lines().toList());
        for (Mutation m : mutations) {
            int i = lines.isEmpty() ? 0 : m.at() % lines.size();
            String p = m.payload();
            switch (m.kind()) {
                case REPLACE_VALUE -> {
                    if (!lines.isEmpty()) {
                        String l = lines.get(i);
                        int colon = l.indexOf(':');
                        lines.set(i, colon < 0 ? p : l.substring(0, colon + 1) + " " + p);
                    }
                }
                case DELETE_LINE -> {
                    if (!lines.isEmpty()) {
                        lines.remove(i);
                    }
                }
                case DUPLICATE_LINE -> {
                    if (!lines.isEmpty()) {
                        lines.add(i, lines.get(i));
                    }
                }
                case INSERT_FIELD -> lines.add(Math.min(i, lines.size()), indentOf(lines, i) + fieldName(p) + ": " + p);
                case WRAP_IN_LIST -> wrap(lines, i, "[", "]");
                case WRAP_IN_MAP -> wrap(lines, i, "{k: ", "}");
                case NEST_DEEP -> {
                    int depth = 1 + m.at() % 200;
                    String nested = "[".repeat(depth) + "x" + "]".repeat(depth);
                    if (m.at() % 3 == 0) {
                        StringBuilder block = new StringBuilder("deep:");
                        for (int d = 1; d <= Math.min(depth, 60); d++) {
                            block.append('\n').append("  ".repeat(d)).append("k").append(d).append(':');
                        }
                        nested = null;
                        lines.add(block.append(" x").toString());
                    }
                    if (nested != null) {
                        wrapValue(lines, i, nested);
                    }
                }
                case ANCHOR_ALIAS -> {
                    lines.add(0, "defs: &a [" + "x, ".repeat(1 + m.at() % 10) + "x]");
                    lines.add("more: &b [" + "*a, ".repeat(m.at() % 30) + "*a]");
                    if (!lines.isEmpty() && m.at() % 2 == 0) {
                        wrapValue(lines, i, "*a");
                    }
                    if (m.at() % 5 == 0) {
                        lines.add("rec: &r { self: *r }");
                    }
                }
                case INSERT_CHAR -> {
                    if (!lines.isEmpty()) {
                        String l = lines.get(i);
                        int at = l.isEmpty() ? 0 : (m.at() / 7) % (l.length() + 1);
                        String c = p.isEmpty() ? "\u0000" : p.substring(0, Character.charCount(p.codePointAt(0)));
                        lines.set(i, l.substring(0, at) + c + l.substring(at));
                    }
                }
                case TRUNCATE -> {
                    String all = String.join("\n", lines);
                    int at = all.isEmpty() ? 0 : m.at() % all.length();
                    lines = new ArrayList<>(all.substring(0, at).lines().toList());
                }
                case INDENT -> {
                    if (!lines.isEmpty()) {
                        lines.set(i, " ".repeat(1 + m.at() % 5) + lines.get(i));
                    }
                }
                case HUGE_SCALAR -> wrapValue(lines, i, "x".repeat(1_000 + m.at() * 30));
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static String indentOf(List<String> lines, int i) {
        if (lines.isEmpty() || i >= lines.size()) {
            return "";
        }
        String l = lines.get(i);
        return l.substring(0, l.length() - l.stripLeading().length());
    }

    private static String fieldName(String p) {
        String w = p.replaceAll("[^A-Za-z0-9_-]", "");
        return w.isEmpty() ? "extra" : w.substring(0, Math.min(20, w.length()));
    }

    private static void wrap(List<String> lines, int i, String open, String close) {
        if (lines.isEmpty()) {
            return;
        }
        String l = lines.get(i);
        int colon = l.indexOf(": ");
        if (colon >= 0) {
            lines.set(i, l.substring(0, colon + 2) + open + l.substring(colon + 2) + close);
        }
    }

    private static void wrapValue(List<String> lines, int i, String value) {
        if (lines.isEmpty()) {
            lines.add("app: " + value);
            return;
        }
        String l = lines.get(i);
        int colon = l.indexOf(':');
        lines.set(i, (colon < 0 ? "app" : l.substring(0, colon)) + ": " + value);
    }
}
