package dev.protostar.core.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.protostar.core.spec.AppSpec;
import dev.protostar.core.spec.Color;
import dev.protostar.core.spec.SpecParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where spec values meet nginx and the commands run in the nginx container: the include refuses
 * anything but the narrow values the spec lets through (also for a spec made in code), the rendered
 * include passes a real {@code nginx -t}, and a probe's URL reaches curl or wget as one word through
 * the batching shell, never parsed by it.
 */
class RouterInjectionHostileTest {
    private static final Path REPO = Path.of("/srv/repo");
    private static final Route ROUTE = new Route("my-app", Color.GREEN, "127.0.0.1:32771", "[fd00::2]:3000",
            "sha256:" + "a".repeat(64), "2026-11-25T10:00:00Z", "20261125-100000-abcd");

    @TempDir
    Path tmp;

    private static AppSpec spec(String yaml) {
        return SpecParser.parse("protostar.yml", yaml, REPO);
    }

    /** The spec's router with listen and server_name replaced, as code (not the parser) could make it. */
    private static AppSpec withRouter(AppSpec s, String listen, String serverName) {
        AppSpec.Router r = s.router();
        return new AppSpec(s.app(), s.image(), s.port(), s.build(), s.env(), s.network(), s.hosts(), s.health(),
                new AppSpec.Router(r.kind(), r.container(), r.includeDir(), r.stateDir(), r.url(), listen, serverName, r.test(),
                        r.reload(), r.commandTimeout()),
                s.verify(), s.retire(), s.lockLease());
    }

    @ParameterizedTest
    @ValueSource(strings = {"8080; include /etc/passwd", "80 default_server", "8080;\nserver { listen 81; }", "$port", "80}"})
    void theIncludeRefusesAListenThatIsNotAnAddress(String listen) {
        AppSpec s = withRouter(spec("app: my-app\nrouter: { listen: 8080 }\n"), listen, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NginxInclude.render(s, ROUTE));
        assertTrue(e.getMessage().startsWith("router.listen:"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.example; return 200 owned", "a.example}", "$host", "a\"b", "a'b", "a\nb", "a  b", " a", "a#b"})
    void theIncludeRefusesAServerNameThatIsNotNames(String serverName) {
        AppSpec s = withRouter(spec("app: my-app\nrouter: { listen: 8080 }\n"), "8080", serverName);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NginxInclude.render(s, ROUTE));
        assertTrue(e.getMessage().startsWith("router.serverName:"), e.getMessage());
    }

    @Test
    void theIncludeRefusesAnAppOrRouteThatIsNotPlain() {
        AppSpec good = spec("app: my-app\n");
        AppSpec evil = new AppSpec("my-app; }", good.image(), good.port(), good.build(), good.env(), good.network(), good.hosts(),
                good.health(), good.router(), good.verify(), good.retire(), good.lockLease());
        assertThrows(IllegalArgumentException.class, () -> NginxInclude.render(evil, ROUTE));
        for (String endpoint : List.of("127.0.0.1:1; include /etc/passwd", "127.0.0.1:1\n}", "$x:1", "a b:1", "x".repeat(400))) {
            Route r = new Route("my-app", Color.BLUE, endpoint, null, "sha256:b", "t", "d");
            assertThrows(IllegalArgumentException.class, () -> NginxInclude.render(good, r), endpoint);
            Route backup = new Route("my-app", Color.BLUE, "127.0.0.1:1", endpoint, "sha256:b", "t", "d");
            assertThrows(IllegalArgumentException.class, () -> NginxInclude.render(good, backup), endpoint);
        }
        Route other = new Route("other", Color.BLUE, "127.0.0.1:1", null, "sha256:b", "t", "d");
        assertThrows(IllegalArgumentException.class, () -> NginxInclude.render(good, other));
    }

    /** The widest values the spec takes, rendered and checked by the real nginx of this machine. */
    @Test
    void theWidestAcceptedValuesPassNginxT() throws Exception {
        Path nginx = Path.of("/usr/sbin/nginx");
        assumeTrue(Files.isExecutable(nginx), "no nginx at /usr/sbin/nginx");
        List<String> specs = List.of(
                "app: a\nrouter: { listen: \"[::]:18081\", serverName: \"*.example _ a-b.c.example x.\" }\n",
                "app: a-" + "b".repeat(28) + "\nrouter: { listen: \"0.0.0.0:18082\", serverName: \".example.org\" }\n",
                "app: z9\nrouter: { listen: \"*:18083\" }\n",
                "app: q\nrouter: { listen: 18084 }\n",
                "app: u\n");
        Path conf = tmp.resolve("conf.d");
        Files.createDirectories(conf);
        for (String yaml : specs) {
            AppSpec s = spec(yaml);
            Route r = new Route(s.app(), Color.BLUE, "127.0.0.1:32771", "[::1]:32770", "sha256:" + "f".repeat(64),
                    "2026-11-25T10:00:00.123Z", "20261125-100000-ab12");
            Files.writeString(conf.resolve(NginxInclude.fileName(s.app())), NginxInclude.render(s, r, NginxInclude.newProbeToken()));
        }
        Path main = tmp.resolve("nginx.conf");
        Files.writeString(main, "error_log " + tmp.resolve("error.log") + ";\npid " + tmp.resolve("nginx.pid") + ";\n"
                + "events {}\nhttp {\n    include " + conf + "/*.conf;\n}\n");
        Process p = new ProcessBuilder(nginx.toString(), "-t", "-q", "-p", tmp.toString(), "-c", main.toString(),
                "-e", tmp.resolve("error.log").toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "nginx -t did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
    }

    @Test
    void anAppNameLongerThanNginxsVariablesHashHoldsIsRefusedByTheSpec() {
        dev.protostar.core.spec.SpecException e = assertThrows(dev.protostar.core.spec.SpecException.class,
                () -> spec("app: a" + "b".repeat(30) + "\n"));
        assertEquals("app", e.field());
        assertTrue(e.problem().contains("at most 30 characters"), e.getMessage());
        assertEquals(30, spec("app: a" + "b".repeat(29) + "\n").app().length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/a b", "http://127.0.0.1/a\nb", "-o/etc/passwd", "file:///etc/passwd",
            "http://127.0.0.1/{a,b}", "http://127.0.0.1/a\"b", "http://127.0.0.1/`id`", "http://a b/", "http://127.0.0.1/\u0000"})
    void aProbeRefusesAUrlThatIsNotOneHttpWord(String url) {
        for (String client : List.of("curl", "wget")) {
            IOException e = assertThrows(IOException.class,
                    () -> ContainerPath.command(client, false, false, url, null, Duration.ofSeconds(1)));
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.example\r\nX-Evil: 1", "a b", "a;b", "$host", "", "a.example:99999x"})
    void aProbeRefusesAHostHeaderThatIsNotAHost(String host) {
        assertThrows(IOException.class, () -> ContainerPath.command("curl", false, false, "http://127.0.0.1/", host, Duration.ofSeconds(1)));
    }

    @Test
    void curlTakesTheUrlLiterallyAndNeverAsAPattern() throws Exception {
        List<String> cmd = ContainerPath.command("curl", false, false, "http://[::1]:8080/x", "api.example", Duration.ofSeconds(1));
        assertTrue(cmd.contains("--globoff"), cmd.toString());
        assertEquals("http://[::1]:8080/x", cmd.get(cmd.size() - 1));
        assertTrue(cmd.contains("Host: api.example"), cmd.toString());
    }

    /**
     * Paths the spec accepts, full of shell syntax, run through the very argv the batched probe sends to
     * the nginx container (sh -c with the request as "$@"), here with this machine's sh and a stand-in
     * curl that records the words it got: each arrives as one word, and nothing runs.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/$(touch$IFS'pwned')", "/;touch$IFS'pwned';", "/&touch$IFS'pwned'&", "/'$(touch$IFS'pwned')'",
            "/*", "/?a=$HOME&b=!!&c=$((1+1))", "/$0$1$@$*", "/x'\"'"})
    void theBatchingShellNeverParsesTheRequest(String path) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh");
        boolean acceptable = path.indexOf('"') < 0;
        if (acceptable) {
            // The spec takes it as a health and a verify path (nothing but the characters of a URL path).
            AppSpec s = spec("app: nest\nhealth:\n  path: '" + path.replace("'", "''") + "'\nverify:\n  path: '"
                    + path.replace("'", "''") + "'\n");
            assertEquals(path, s.health().path());
        } else {
            assertThrows(IOException.class, () -> ContainerPath.command("curl", false, false, "http://127.0.0.1:9" + path, null,
                    Duration.ofSeconds(1)));
            return;
        }
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path record = tmp.resolve("words");
        Path curl = bin.resolve("curl");
        Files.writeString(curl, "#!/bin/sh\nfor w in \"$@\"; do printf '%s\\n' \"$w\" >> '" + record + "'; done\n"
                + "printf '%s\\n' '--' >> '" + record + "'\n");
        Files.setPosixFilePermissions(curl, PosixFilePermissions.fromString("rwxr-xr-x"));
        String url = "http://127.0.0.1:9" + path;
        List<String> one = ContainerPath.command("curl", false, false, url, "api.example", Duration.ofSeconds(1));
        List<String> argv = ContainerPath.batch(one, 3);
        ProcessBuilder pb = new ProcessBuilder(argv).directory(tmp.toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        Process p = pb.start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        List<String> words = Files.readAllLines(record);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            expected.addAll(one.subList(1, one.size()));
            expected.add("--");
        }
        assertEquals(expected, words, out);
        assertEquals(3, out.split("<<protostar-probe-end>>0", -1).length - 1, out);
        try (var files = Files.list(tmp)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().contains("pwned")), "a command ran");
        }
        try (var files = Files.list(bin)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().contains("pwned")), "a command ran");
        }
    }
}
