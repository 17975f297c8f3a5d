package dev.protostar.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code hooks} block: what runs around the switch, every value checked where it is written. */
class SpecHooksTest {
    private static AppSpec parse(String yaml) {
        return SpecParser.parse("protostar.yml", yaml, Path.of("/srv/repo"));
    }

    private static SpecException refused(String yaml) {
        return assertThrows(SpecException.class, () -> parse(yaml));
    }

    @Test
    void everyFieldIsRead() {
        Hooks h = parse("""
                app: nest
                hooks:
                  beforeSwitch:
                    - name: migrate
                      command: [npx, prisma, migrate, deploy]
                      timeout: 5m
                    - command: [sh, -c, "alembic upgrade head && echo done"]
                      on: each
                  afterSwitch:
                    - command: [node, warm-cache.js]
                      timeout: 30s
                    - name: notify
                      url: https://hooks.example.com/deploy?x=1
                      method: PUT
                      headers:
                        Authorization: { fromEnv: HOOK_TOKEN }
                        Content-Type: application/json
                      body: '{"text": "nest is live"}'
                """).hooks();
        assertEquals(List.of(
                new Hooks.Command("hooks.beforeSwitch[0]", "migrate", List.of("npx", "prisma", "migrate", "deploy"), Duration.ofMinutes(5), false),
                new Hooks.Command("hooks.beforeSwitch[1]", null, List.of("sh", "-c", "alembic upgrade head && echo done"),
                        Duration.ofMinutes(10), true)), h.beforeSwitch());
        assertEquals(new Hooks.Command("hooks.afterSwitch[0]", null, List.of("node", "warm-cache.js"), Duration.ofSeconds(30), false),
                h.afterSwitch().get(0));
        Hooks.Call call = (Hooks.Call) h.afterSwitch().get(1);
        assertEquals(URI.create("https://hooks.example.com/deploy?x=1"), call.url());
        assertEquals("PUT", call.method());
        assertEquals("{\"text\": \"nest is live\"}", call.body());
        assertEquals(Duration.ofSeconds(30), call.timeout());
        assertEquals("application/json", call.headers().get("Content-Type").value());
        assertNull(call.headers().get("Authorization").value(), "read from the deploying machine, not from the spec");
        assertEquals("HOOK_TOKEN", call.headers().get("Authorization").from().variable());
        assertEquals("hooks.afterSwitch[1] (notify)", call.describe());
        assertEquals("hooks.beforeSwitch[1]", h.beforeSwitch().get(1).describe());
    }

    @Test
    void aSmokeRequestGoesThroughTheServerBlockProtostarWrites() {
        Hooks h = parse("""
                app: a
                router: { listen: 127.0.0.1:8080 }
                hooks:
                  beforeSwitch:
                    - command: [migrate]
                    - name: smoke
                      path: /api/health?deep=1
                      status: 204
                      timeout: 3s
                    - path: /
                      on: first
                """).hooks();
        assertEquals(new Hooks.Smoke("hooks.beforeSwitch[1]", "smoke", "/api/health?deep=1", 204, Duration.ofSeconds(3), true),
                h.beforeSwitch().get(1));
        assertEquals(new Hooks.Smoke("hooks.beforeSwitch[2]", null, "/", 200, Duration.ofSeconds(10), false), h.beforeSwitch().get(2),
                "200 and 10s by default; on every host unless on: first");
        SpecException e = refused("app: a\nhooks:\n  beforeSwitch:\n    - path: /\n");
        assertEquals("hooks.beforeSwitch[0].path", e.field(), e.getMessage());
        assertEquals(4, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("router.listen, which is unset"), e.getMessage());
    }

    @Test
    void noHooksIsNone() {
        assertEquals(Hooks.NONE, parse("app: a\n").hooks());
        assertEquals(Hooks.NONE, parse("app: a\nhooks: {}\n").hooks());
        assertTrue(parse("app: a\nhooks: { beforeSwitch: [] }\n").hooks().isEmpty());
    }

    @Test
    void aHeaderFromTheDeployingMachineIsReadThereAndKeptAsASecret() {
        AppSpec spec = parse("""
                app: a
                hooks:
                  afterSwitch:
                    - url: http://127.0.0.1:9/hook
                      headers: { X-Token: { fromEnv: TOKEN } }
                """);
        AppSpec resolved = DeployEnvironment.resolve(spec, Map.of("TOKEN", "s3cret-value")::get);
        Hooks.Call call = (Hooks.Call) resolved.hooks().afterSwitch().get(0);
        assertEquals("s3cret-value", call.headers().get("X-Token").value());
        assertEquals("token: ****", resolved.secrets().mask("token: s3cret-value"));
        assertFalse(call.toString().contains("s3cret"), call.toString());

        SpecException missing = assertThrows(SpecException.class, () -> DeployEnvironment.resolve(spec, Map.<String, String>of()::get));
        assertEquals("hooks.afterSwitch[0].headers.X-Token", missing.field());
        assertEquals(5, missing.line());
        assertTrue(missing.getMessage().contains("TOKEN") && missing.getMessage().contains("not set"), missing.getMessage());

        SpecException broken = assertThrows(SpecException.class,
                () -> DeployEnvironment.resolve(spec, Map.of("TOKEN", "a\r\nX-Evil: 1")::get));
        assertTrue(broken.getMessage().contains("line break"), broken.getMessage());
        assertFalse(broken.getMessage().contains("Evil"), broken.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "hooks: { beforeSwitch: [ { command: [] } ] }|hooks.beforeSwitch[0].command|[] }|is empty",
            "hooks: { beforeSwitch: [ { command: [''] } ] }|hooks.beforeSwitch[0].command[0]|''|the program to run is empty",
            "hooks: { beforeSwitch: [ { command: npx prisma migrate deploy } ] }|hooks.beforeSwitch[0].command|npx|expected a list of words",
            "hooks: { beforeSwitch: [ { command: [x], timeout: soon } ] }|hooks.beforeSwitch[0].timeout|soon|expected a duration",
            "hooks: { beforeSwitch: [ { command: [x], timeout: 7h } ] }|hooks.beforeSwitch[0].timeout|7h|must be between 1s and 6h",
            "hooks: { beforeSwitch: [ { command: [x], retries: 3 } ] }|hooks.beforeSwitch[0].retries|retries|unknown field",
            "hooks: { beforeSwitch: [ { comand: [x] } ] }|hooks.beforeSwitch[0].comand|comand|unknown field",
            "hooks: { beforeSwitch: [ { name: a } ] }|hooks.beforeSwitch[0]|{ name: a|needs a command",
            "hooks: { beforeSwitch: [ { command: [x], on: all } ] }|hooks.beforeSwitch[0].on|all|first (the first host only",
            "hooks: { beforeSwitch: [ { url: 'http://x/' } ] }|hooks.beforeSwitch[0]|url|belongs in afterSwitch",
            "hooks: { beforeSwitch: [ { name: a, command: [x] }, { name: a, command: [y] } ] }|hooks.beforeSwitch[1].name|a, command: [y]|names another hook",
            "hooks: { beforeSwitch: [ { name: 'a b', command: [x] } ] }|hooks.beforeSwitch[0].name|'a b'|is not allowed",
            "hooks: { beforeSwitch: { command: [x] } }|hooks.beforeSwitch|{ command|expected a list of mappings",
            "hooks: { beforeSwitch: [ x ] }|hooks.beforeSwitch[0]|x ]|expected a mapping",
            "hooks: { duringSwitch: [] }|hooks.duringSwitch|duringSwitch|unknown field",
            "hooks: { afterSwitch: [ { command: [x], url: 'http://x/' } ] }|hooks.afterSwitch[0]|url|a command or a url, not both",
            "hooks: { afterSwitch: [ { url: 'ftp://x/' } ] }|hooks.afterSwitch[0].url|'ftp|is not allowed",
            "hooks: { afterSwitch: [ { url: 'http://x:99999/' } ] }|hooks.afterSwitch[0].url|'http://x:99999/'|port outside",
            "hooks: { afterSwitch: [ { url: 'http://x/', method: TRACE } ] }|hooks.afterSwitch[0].method|TRACE|GET, POST",
            "hooks: { afterSwitch: [ { url: 'http://x/', method: GET, body: hi } ] }|hooks.afterSwitch[0].body|hi|has no body",
            "hooks: { afterSwitch: [ { url: 'http://x/', headers: { Host: y } } ] }|hooks.afterSwitch[0].headers|Host|set by the HTTP client",
            "hooks: { afterSwitch: [ { url: 'http://x/', headers: { 'a b': y } } ] }|hooks.afterSwitch[0].headers|'a b'|is not a header name",
            "hooks: { afterSwitch: [ { url: 'http://x/', headers: { A: { fromEnv: 1x } } } ] }|hooks.afterSwitch[0].headers.A.fromEnv|1x|is not allowed",
            "hooks: { afterSwitch: [ { url: 'http://x/', headers: { A: { fromEnvv: X } } } ] }|hooks.afterSwitch[0].headers.A.fromEnvv|fromEnvv|unknown field",
            "hooks: { afterSwitch: [ { url: 'http://x/', timeout: 50ms } ] }|hooks.afterSwitch[0].timeout|50ms|must be between 100ms and 10m",
            "hooks: { afterSwitch: [ { path: / } ] }|hooks.afterSwitch[0]|path|belongs in beforeSwitch",
            "hooks: { beforeSwitch: [ { path: /, command: [x] } ] }|hooks.beforeSwitch[0]|path|only one of them",
            "hooks: { beforeSwitch: [ { path: api } ] }|hooks.beforeSwitch[0].path|api|a URL path starting with '/'",
            "hooks: { beforeSwitch: [ { path: /, status: 99 } ] }|hooks.beforeSwitch[0].status|99|must be between 100 and 599",
            "hooks: { beforeSwitch: [ { path: /, timeout: 6m } ] }|hooks.beforeSwitch[0].timeout|6m|must be between 100ms and 5m",
            "hooks: { beforeSwitch: [ { path: /, method: POST } ] }|hooks.beforeSwitch[0].method|method|unknown field",
    })
    void badInputNamesTheFieldAndWhereItIs(String hooks, String field, String at, String problem) {
        SpecException e = refused("app: a\n" + hooks);
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(2, e.line(), e.getMessage());
        assertEquals(hooks.indexOf(at) + 1, e.column(), "at " + at + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void aWordWithALineBreakOrAHeaderValueWithOneIsRefusedWithoutEchoingTheValue() {
        SpecException word = refused("app: a\nhooks: { beforeSwitch: [ { command: [sh, \"-c\\nx\"] } ] }\n");
        assertEquals("hooks.beforeSwitch[0].command[1]", word.field(), word.getMessage());
        SpecException header = refused("app: a\nhooks: { afterSwitch: [ { url: 'http://x/', headers: { A: \"tok\\nen\" } } ] }\n");
        assertEquals("hooks.afterSwitch[0].headers.A", header.field(), header.getMessage());
        assertFalse(header.getMessage().contains("tok"), header.getMessage());
    }

    @Test
    void atMostTwentyHooks() {
        StringBuilder many = new StringBuilder("app: a\nhooks:\n  beforeSwitch:\n");
        for (int i = 0; i < 21; i++) {
            many.append("    - command: [x]\n");
        }
        SpecException e = refused(many.toString());
        assertEquals("hooks.beforeSwitch", e.field());
        assertTrue(e.getMessage().contains("at most 20"), e.getMessage());
    }

    @Test
    void theSpecCheckWithoutFilesReadsHooksToo() {
        SpecException e = assertThrows(SpecException.class,
                () -> SpecParser.check("protostar.yml", "app: a\nhooks: { beforeSwitch: [ { command: [] } ] }\n"));
        assertEquals("hooks.beforeSwitch[0].command", e.field());
    }
}
