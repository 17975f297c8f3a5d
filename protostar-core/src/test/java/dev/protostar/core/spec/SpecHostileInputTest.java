package dev.protostar.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * YAML bombs, deep nesting, huge documents and scalars, files that are not files, and values that
 * would inject nginx directives, Docker arguments or shell: each is refused fast, with the field (and
 * its line where it has one), and nothing of the hostile text is echoed raw.
 */
class SpecHostileInputTest {
    /** Generous, for a busy machine: this tells "refused" from "hung" or "expanded", not speed. */
    private static final Duration FAST = Duration.ofSeconds(15);
    private static final Path REPO = Path.of("/srv/repo");

    @TempDir
    Path tmp;

    private static SpecException refusedFast(Supplier<Object> parse) {
        long t0 = System.nanoTime();
        SpecException e = assertThrows(SpecException.class, parse::get);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < FAST.toMillis(), "refused, but after " + ms + " ms: " + e.getMessage());
        assertFalse(SpecFuzzTest.hasRaw(e.getMessage()), e.getMessage());
        return e;
    }

    private static SpecException refusedFast(String yaml) {
        return refusedFast(() -> SpecParser.parse("protostar.yml", yaml, REPO));
    }

    @Test
    void aBillionLaughsIsRefusedByItsAliases() {
        StringBuilder y = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i <= 9; i++) {
            y.append("a").append(i).append(": &a").append(i).append(" [");
            y.append(String.join(", ", java.util.Collections.nCopies(9, "*a" + (i - 1)))).append("]\n");
        }
        y.append("app: nest\n");
        SpecException e = refusedFast(y.toString());
        assertTrue(e.problem().contains("more than 20 aliases"), e.getMessage());
    }

    @Test
    void aSmallBombWithinTheAliasLimitIsNeverExpanded() {
        // 18 aliases, 2^9 leaves if expanded: the parser reads nodes, never constructs objects from them.
        StringBuilder y = new StringBuilder("app: nest\nl0: &l0 [lol, lol]\n");
        for (int i = 1; i <= 9; i++) {
            y.append("l").append(i).append(": &l").append(i).append(" [*l").append(i - 1).append(", *l").append(i - 1).append("]\n");
        }
        assertEquals("l0", refusedFast(y.toString()).field());
        AppSpec s = SpecParser.parse("protostar.yml", "app: nest\nenv: &e {A: x}\nbuild: { args: *e }\nhealth: &h { path: /x }\n"
                + "verify: *h\n", REPO);
        assertEquals("x", s.build().args().get("A"));
        assertEquals("/x", s.verify().path());
    }

    @Test
    void deepFlowNestingIsRefused() {
        SpecException e = refusedFast("app: " + "[".repeat(100_000) + "x" + "]".repeat(100_000) + "\n");
        assertTrue(e.problem().contains("nested more than 20 deep") || e.problem().contains("larger than"), e.getMessage());
        SpecException f = refusedFast("app: " + "[".repeat(5_000) + "\n");
        assertTrue(f.problem().contains("nested more than 20 deep"), f.getMessage());
    }

    @Test
    void deepBlockNestingIsRefused() {
        StringBuilder y = new StringBuilder("app: nest\nenv:\n");
        for (int d = 1; d <= 500; d++) {
            y.append(" ".repeat(d)).append("k").append(d).append(":\n");
        }
        SpecException e = refusedFast(y.toString());
        assertTrue(e.problem().contains("nested more than 20 deep"), e.getMessage());
    }

    @Test
    void aFiftyMegabyteDocumentIsRefusedBeforeItIsRead() {
        String huge = "app: nest\nenv:\n" + "  K: v\n".repeat(50 * 1024 * 1024 / 7);
        SpecException e = refusedFast(huge);
        assertTrue(e.problem().contains("larger than 256 KiB"), e.getMessage());
    }

    @Test
    void aFiftyMegabyteFileIsRefusedBeforeItIsRead() throws Exception {
        Path f = tmp.resolve("protostar.yml");
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.write("app: nest\n".getBytes(StandardCharsets.UTF_8));
            raf.setLength(50L * 1024 * 1024);
        }
        SpecException e = refusedFast(() -> SpecParser.parse(f));
        assertTrue(e.problem().contains("larger than 256 KiB"), e.getMessage());
    }

    @Test
    void aHugeScalarIsRefusedNamingItsFieldAndQuotingLittle() {
        SpecException e = refusedFast("app: " + "a".repeat(200_000) + "\n");
        assertEquals("app", e.field());
        assertEquals(1, e.line());
        assertTrue(e.getMessage().length() < 400, e.getMessage().length() + " characters");
        SpecException env = refusedFast("app: nest\nenv:\n  SECRET: \"" + "s".repeat(200_000) + "\"\n");
        assertEquals("env.SECRET", env.field());
        assertFalse(env.getMessage().contains("sss"), "an env value is never echoed");
    }

    @Test
    void recursiveAliasesAndMergeKeysAreRefused() {
        assertEquals("verify.k", refusedFast("app: nest\nverify: &v { k: *v }\n").field());
        SpecException key = refusedFast("app: nest\nenv: &e { *e : x }\n");
        assertTrue(key.problem().contains("recursive") || key.problem().contains("plain names"), key.getMessage());
        assertEquals("health.<<", refusedFast("app: nest\nverify: &v { path: /x }\nhealth: { <<: *v }\n").field());
    }

    @Test
    void devZeroAFifoADirectoryAndBrokenUtf8AreRefused() throws Exception {
        Path zero = Path.of("/dev/zero");
        if (Files.exists(zero)) {
            assertTrue(refusedFast(() -> SpecParser.parse(zero)).problem().contains("not a regular file"));
        }
        assertTrue(refusedFast(() -> SpecParser.parse(tmp)).problem().contains("is a directory"));
        Path latin1 = tmp.resolve("latin1.yml");
        Files.write(latin1, "app: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(refusedFast(() -> SpecParser.parse(latin1)).problem().contains("not UTF-8"));
        Path fifo = tmp.resolve("fifo.yml");
        boolean made;
        try {
            made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
        } catch (java.io.IOException noMkfifo) {
            made = false;
        }
        assumeTrue(made, "no mkfifo here");
        assertTrue(refusedFast(() -> SpecParser.parse(fifo)).problem().contains("not a regular file"));
    }

    @Test
    void aControlCharacterIsRefusedAtItsLine() {
        SpecException e = refusedFast("app: nest\nport: 80\nimage: a\u0000b\n");
        assertEquals(3, e.line());
        assertTrue(e.problem().contains("U+0000"), e.getMessage());
    }

    @Test
    void hiddenCharactersAreEscapedInMessages() {
        for (String hostile : new String[] {"\u202eevil", "a\u0085b", "a\u2028b", "\u001b[31mred"}) {
            SpecException e = refusedFast("app: \"" + hostile.replace("\u001b", "\\e").replace("\u0085", "\\N")
                    .replace("\u2028", "\\L") + "\"\n");
            assertEquals("app", e.field());
        }
        SpecException key = refusedFast("app: nest\n\"x\\e[2Jy\": 1\n");
        assertEquals("x\\u001b[2Jy", key.field());
    }

    /** Every field whose value reaches nginx, a container name, a Docker call or a command line. */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "app|nest;x", "app|nest x", "app|-nest", "app|Nest", "app|n$x",
            "image|nest;x", "image|nest --privileged", "image|nest:latest", "image|-v",
            "network|web;x", "network|host", "network|--net=host",
            "router.container|nginx;id", "router.container|-it",
            "router.includeDir|/etc/nginx/conf.d;x", "router.includeDir|/etc/nginx/$x", "router.includeDir|../x",
            "router.stateDir|/tmp/a b",
            "router.listen|8080; include /etc/passwd", "router.listen|80 default_server", "router.listen|{", "router.listen|$x",
            "router.serverName|a.example; return 200", "router.serverName|a.example}", "router.serverName|$host",
            "router.serverName|a\"b", "router.serverName|a'b", "router.serverName|a  b", "router.serverName|a#b",
            "router.url|http://127.0.0.1:8080/x", "router.url|http://a;b", "router.url|file:///etc/passwd",
            "router.url|http://a b",
            "health.path|/x y", "health.path|/x\"y", "health.path|x", "health.path|/x{y}", "health.path|/a`id`",
            "verify.path|/x y", "verify.path|/<x>", "verify.path|/a\\b",
            "build.context|../x", "build.context|/etc", "build.context|a b", "build.context|a/../../x",
            "build.dockerfile|../Dockerfile", "build.dockerfile|/Dockerfile",
            "docker.host|tcp://evil.example:2375", "docker.host|unix:///var/run/docker.sock -H", "docker.host|ssh://a",
            "retire.stopSignal|SIGTERM; id", "retire.stopSignal|9",
    })
    void injectionIsRefusedNamingTheFieldAndLine(String field, String value) {
        String yaml = nested(field, value, field.startsWith("router.container") || field.startsWith("router.includeDir"));
        SpecException e = refusedFast(yaml);
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.line() > 0, e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "router.test|`[sh, -c, 'id; reboot']`", "router.test|`[nginx, '-t -q']`", "router.reload|`['nginx\ns', reload]`",
            "router.test|`[]`", "router.test|`[[nginx]]`"})
    void commandWordsAreOneWordEach(String field, String flow) {
        String key = field.substring(field.indexOf('.') + 1);
        SpecException e = refusedFast("app: nest\nrouter:\n  " + key + ": " + flow.replace("\n", "\\n") + "\n");
        assertEquals(field, e.field(), e.getMessage());
    }

    @Test
    void envAndBuildArgNamesAreNamesAndTheirValuesStayData() {
        assertEquals("env", refusedFast("app: nest\nenv:\n  \"A=B\": x\n").field());
        assertEquals("env", refusedFast("app: nest\nenv:\n  \"--privileged\": x\n").field());
        assertEquals("build.args", refusedFast("app: nest\nbuild:\n  args:\n    \"A B\": x\n").field());
        SpecException nul = refusedFast("app: nest\nenv:\n  A: \"x\\0y\"\n");
        assertEquals("env.A", nul.field());
        // Values with nginx and shell syntax are data: they go to Docker as JSON, never into a file or a shell.
        AppSpec s = SpecParser.parse("protostar.yml", "app: nest\nenv:\n  A: \"; } $host `id` $(id) '\\\"\"\n", REPO);
        assertEquals("; } $host `id` $(id) '\"", s.env().get("A"));
    }

    /** {@code a.b} = v as YAML, with what a nginx-container router needs when the field is one of its own. */
    private static String nested(String field, String value, boolean container) {
        String quoted = "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        StringBuilder y = new StringBuilder();
        if (!field.equals("app")) {
            y.append("app: nest\n");
        }
        String[] parts = field.split("\\.");
        if (parts.length == 1) {
            y.append(parts[0]).append(": ").append(quoted).append('\n');
        } else {
            y.append(parts[0]).append(":\n");
            if (container && parts[0].equals("router")) {
                y.append("  kind: nginx-container\n");
            }
            y.append("  ").append(parts[1]).append(": ").append(quoted).append('\n');
            if (container && parts[0].equals("router")) {
                y.append("network: web\n");
            }
        }
        return y.toString();
    }
}
