package dev.protostar.cli.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.cli.Protostar;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import picocli.CommandLine;

/**
 * Fuzzes the protostar command line with jqwik: arbitrary argument vectors (subcommands, options,
 * hostile values, paths that are not spec files, specs that are broken or point at a Docker engine
 * that is not there) must end with an exit code and words, never a stack trace or a hang, and
 * nothing is written where nginx would read it. {@code demo} is only parsed, never run: it starts
 * things on this machine.
 *
 * <p>Counts are printed at the end (grep "cli fuzz:" in the test output).
 */
class CliFuzzTest {
    private static final long BOUND_MS = 15_000;
    private static final Pattern STACK_LINE = Pattern.compile("(?m)^\\s+at [\\w.$/]+\\(|^Caused by: |Exception in thread");
    private static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();
    private static final ExecutorService RUNNER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cli-fuzz");
        t.setDaemon(true);
        return t;
    });

    static Path dir;
    static Path conf;
    static List<String> specs;

    @BeforeContainer
    static void files() throws IOException {
        dir = Files.createTempDirectory("protostar-cli-fuzz");
        conf = Files.createDirectories(dir.resolve("conf.d"));
        Files.createDirectories(dir.resolve("state"));
        String unreachable = "docker:\n  host: unix:///nonexistent/protostar-fuzz.sock\n";
        String router = "router:\n  includeDir: " + conf + "\n  stateDir: " + dir.resolve("state") + "\n  listen: 127.0.0.1:1\n"
                + "  test: [/nonexistent/nginx, -t]\n  reload: [/nonexistent/nginx, -s, reload]\n";
        Path valid = Files.writeString(dir.resolve("valid.yml"), "app: fuzz\n" + unreachable + router);
        Path broken = Files.writeString(dir.resolve("broken.yml"), "app: fuzz\nport: [\n");
        Path unknown = Files.writeString(dir.resolve("unknown.yml"), "app: fuzz\nhelth: {}\n" + unreachable + router);
        Path latin1 = Files.write(dir.resolve("latin1.yml"), "app: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        Path bomb = Files.writeString(dir.resolve("bomb.yml"), "a: &a [x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                + "c: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\napp: fuzz\n");
        specs = new ArrayList<>(List.of(valid.toString(), broken.toString(), unknown.toString(), latin1.toString(), bomb.toString(),
                dir.toString(), dir.resolve("missing.yml").toString(), "/dev/null", "", "-", "--", "a\u0000b",
                "x".repeat(5000), "../../../../etc/passwd"));
        if (Files.exists(Path.of("/dev/zero"))) {
            specs.add("/dev/zero");
        }
    }

    @AfterContainer
    static void report() throws IOException {
        System.out.println("cli fuzz: " + new java.util.TreeMap<>(COUNTS));
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Property(tries = 400, shrinking = ShrinkingMode.BOUNDED)
    void everyArgumentVectorEndsWithACodeAndWords(@ForAll("argv") List<String> args) throws Exception {
        String[] argv = args.toArray(String[]::new);
        count("inputs");
        if (args.contains("demo")) {
            parseOnly(argv);
            return;
        }
        Run r = run(argv);
        count("exit " + r.exit);
        assertTrue(r.exit >= 0 && r.exit <= 2, "exit " + r.exit + " for " + shown(args) + ":\n" + r.out); // 3 is the demo's, 4 needs a change made
        assertFalse(STACK_LINE.matcher(r.out).find(), "a stack trace for " + shown(args) + ":\n" + r.out);
        // (a line "protostar: null: …" is fine: that is a spec file named null, such as /dev/null)
        assertFalse(Pattern.compile("(?m)^protostar: null\\s*$").matcher(r.out).find(),
                "a message without words for " + shown(args) + ":\n" + r.out);
        if (r.exit != 0) {
            assertFalse(r.out.isBlank(), "exit " + r.exit + " without a word for " + shown(args));
        }
        try (var files = Files.list(conf)) {
            assertEquals(0, files.count(), "something was written where nginx reads, for " + shown(args));
        }
    }

    /** The demo's options are each refused before the demo touches anything. */
    @Example
    void theDemoRefusesOptionsThatWouldGoIntoItsSpec() throws Exception {
        for (String[] argv : List.of(
                new String[] {"demo", "--app", "demo\nrouter:\n  test: [sh, -c, id]"},
                new String[] {"demo", "--app", "Demo"},
                new String[] {"demo", "--docker-host", "unix:///var/run/docker.sock\nrouter: {}"},
                new String[] {"demo", "--docker-host", "tcp://evil.example:2375 -H x"},
                new String[] {"demo", "--port", "0"},
                new String[] {"demo", "--port", "70000"},
                new String[] {"demo", "--dir", dir.resolve("a b").toString()},
                new String[] {"demo", "--dir", dir.resolve("x\ny").toString()})) {
            Run r = run(argv);
            assertEquals(2, r.exit, String.join(" ", argv) + ":\n" + r.out);
            assertTrue(r.out.contains("--app") || r.out.contains("--docker-host") || r.out.contains("--port")
                    || r.out.contains("--dir"), r.out);
            assertFalse(STACK_LINE.matcher(r.out).find(), r.out);
            count("demo refused");
        }
    }

    /** Option values that would reach the Docker API, a label, the lock or the history are refused while parsing. */
    @Example
    void optionValuesAreCheckedBeforeAnythingIsRead() throws Exception {
        String missing = dir.resolve("missing.yml").toString();
        for (String[] argv : List.of(
                new String[] {"deploy", "-f", missing, "--image", "nest --privileged"},
                new String[] {"deploy", "-f", missing, "--image", "../containers/x/kill?signal=KILL#"},
                new String[] {"deploy", "-f", missing, "--image", "nest$1"},
                new String[] {"deploy", "-f", missing, "--owner", "ci\nlocked by someone else"},
                new String[] {"deploy", "-f", missing, "--revision", "v1\u001b[2J"},
                new String[] {"switch", "-f", missing, "--owner", "x".repeat(2000)},
                new String[] {"status", "-f", "a\u0000b"})) {
            Run r = run(argv);
            assertEquals(2, r.exit, String.join(" ", argv) + ":\n" + r.out);
            assertTrue(r.out.contains("Invalid value for option"), r.out);
            assertFalse(r.out.contains("there is no spec file"), "the spec was read first: " + r.out);
            count("option refused");
        }
    }

    @Example
    void anAtFileIsAnArgumentNotAFileToRead() throws Exception {
        Path args = Files.writeString(dir.resolve("args"), "--image\n--privileged\n");
        Run r = run(new String[] {"deploy", "-f", dir.resolve("missing.yml").toString(), "--owner", "@" + args});
        assertEquals(2, r.exit, r.out);
        assertTrue(r.out.contains("there is no spec file"), r.out);
    }

    private static void parseOnly(String[] argv) {
        count("demo parsed only");
        try {
            Protostar.commandLine().parseArgs(argv);
        } catch (CommandLine.ParameterException expected) {
            // a usage error: picocli prints it with the usage
        }
    }

    record Run(int exit, String out) {}

    static synchronized Run run(String[] argv) throws Exception {
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        Future<Integer> f = RUNNER.submit(() -> {
            CommandLine cl = Protostar.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            return cl.execute(argv);
        });
        try {
            int exit = f.get(BOUND_MS, TimeUnit.MILLISECONDS);
            return new Run(exit, bytes.toString(StandardCharsets.UTF_8) + out + err);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError("no exit within " + BOUND_MS + " ms for " + shown(List.of(argv)));
        } catch (ExecutionException e) {
            throw new AssertionError("crashed for " + shown(List.of(argv)), e.getCause());
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }

    static void count(String what) {
        COUNTS.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    private static String shown(List<String> args) {
        StringBuilder sb = new StringBuilder("[");
        for (String a : args) {
            String t = a.length() > 60 ? a.substring(0, 60) + "…(" + a.length() + ")" : a;
            sb.append('"').append(t.replaceAll("[\\x00-\\x1f\\x7f]", "?")).append("\" ");
        }
        return sb.append(']').toString();
    }

    // ---- generators ------------------------------------------------------------------------------

    static final List<String> COMMANDS = List.of("deploy", "switch", "rollback", "verify", "status", "history", "lock", "status", "release",
            "demo", "help", "--help", "-h", "--version", "-V");
    static final List<String> OPTIONS = List.of("-f", "--spec", "--image", "--owner", "--revision", "--to", "--json", "-q", "--quiet", "--debug", "-n",
            "--last", "-v", "--verbose", "--", "-fv", "--spec=", "--to=", "-n=", "--unknown", "-", "-x", "--down", "--app",
            "--port", "--dir", "--docker-host");
    static final List<String> VALUES = List.of("previous", "blue", "green", "purple", "BLUE", "0", "-1", "2147483648", "99999999999",
            "1e3", "0x10", "nest", "nest:latest", "sha256:" + "a".repeat(64), "a".repeat(12), "Nest", "nest;id", "--privileged",
            "-v", "$(id)", "`id`", "a\nb", "a\u0000b", "\u001b[31m", "\u202e", "\uD800", "@/dev/zero", "@", "", " ", "x".repeat(3000),
            "https://ci.example/job/x/1/", "v1.2-3-gabc", "../x", "/etc/passwd", "unix:///var/run/docker.sock", "tcp://evil:2375");

    @Provide
    Arbitrary<List<String>> argv() {
        Arbitrary<String> command = Arbitraries.of(COMMANDS);
        Arbitrary<String> option = Arbitraries.of(OPTIONS);
        Arbitrary<String> value = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(VALUES)),
                Tuple.of(4, Arbitraries.of(specs)),
                Tuple.of(2, Arbitraries.strings().all().ofMaxLength(20)),
                Tuple.of(1, Arbitraries.strings().withChars("-=@abcf0").ofMaxLength(8)));
        Arbitrary<List<String>> tail = Arbitraries.frequencyOf(
                Tuple.of(3, option.map(List::of)),
                Tuple.of(5, net.jqwik.api.Combinators.combine(option, value).as(List::of)),
                Tuple.of(1, value.map(List::of)),
                Tuple.of(2, Arbitraries.of(specs).map(s -> List.of("-f", s))),
                Tuple.of(1, Arbitraries.of(specs).map(s -> List.of("--spec=" + s))))
                .list().ofMaxSize(4).map(ll -> ll.stream().flatMap(List::stream).toList());
        Arbitrary<List<String>> head = Arbitraries.frequencyOf(
                Tuple.of(8, command.map(List::of)),
                Tuple.of(2, net.jqwik.api.Combinators.combine(Arbitraries.of("lock"), Arbitraries.of("status", "release", "x", "--help"))
                        .as(List::of)),
                Tuple.of(1, Arbitraries.just(List.<String>of())));
        return net.jqwik.api.Combinators.combine(head, tail).as((h, t) -> {
            List<String> all = new ArrayList<>(h);
            all.addAll(t);
            return all;
        });
    }
}
