package dev.protostar.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecParserTest {
    private static final Path REPO = Path.of("/srv/repo");

    private static AppSpec parse(String yaml) {
        return SpecParser.parse("protostar.yml", yaml, REPO);
    }

    private static SpecException reject(String yaml) {
        return assertThrows(SpecException.class, () -> parse(yaml));
    }

    @Test
    void threeLinesAreEnough() {
        AppSpec s = parse("""
                app: nest
                port: 3000
                router: { listen: 127.0.0.1:8080 }
                """);
        assertEquals("nest", s.app());
        assertEquals("nest", s.image());
        assertEquals(3000, s.port());
        assertEquals(REPO, s.build().context());
        assertEquals("Dockerfile", s.build().dockerfile());
        assertEquals("http://127.0.0.1:8080", s.router().url());
        assertEquals(Path.of("/etc/nginx/conf.d"), s.router().includeDir());
        assertEquals(Path.of("/etc/nginx/conf.d/.protostar"), s.router().stateDir());
        assertEquals(List.of("nginx", "-t"), s.router().test());
        assertEquals(3, s.health().successes());
        assertTrue(s.retire().keepWarm());
        assertEquals("nest-green", s.containerName(Color.GREEN));
    }

    @Test
    void everyFieldIsRead() {
        AppSpec s = parse("""
                app: fastapi-ai
                image: myorg/fastapi
                port: 8000
                build: { context: services/api, dockerfile: docker/Dockerfile, args: { PY: "3.12" } }
                env: { DATABASE_URL: "postgres://db:5432/app?sslmode=disable", EMPTY: "" }
                network: protostar-net
                docker: { host: "tcp://127.0.0.1:2375" }
                health: { path: /healthz, status: 204, body: ok, interval: 100ms, timeout: 1s, successes: 5, deadline: 2m, dockerHealthcheck: false }
                router: { includeDir: nginx/conf.d, listen: "80", serverName: api.example.com, url: "http://127.0.0.1:80", test: [docker, exec, nginx, nginx, -t], reload: [docker, exec, nginx, nginx, -s, reload] }
                verify: { path: /ready, status: 200, requests: 3, timeout: 2s }
                retire: { drain: 10s, previous: stop, stopSignal: SIGQUIT, stopTimeout: 45s }
                lock: { lease: 10m }
                """);
        assertEquals(REPO.resolve("services/api"), s.build().context());
        assertEquals("3.12", s.build().args().get("PY"));
        assertEquals("postgres://db:5432/app?sslmode=disable", s.env().get("DATABASE_URL"));
        assertEquals(Duration.ofMillis(100), s.health().interval());
        assertEquals(Duration.ofMinutes(2), s.health().deadline());
        assertEquals("ok", s.health().body());
        assertEquals(REPO.resolve("nginx/conf.d"), s.router().includeDir());
        assertEquals(false, s.retire().keepWarm());
        assertEquals("SIGQUIT", s.retire().stopSignal());
        assertEquals(Duration.ofMinutes(10), s.lockLease());
        assertNull(parse("app: a\n").health().body());
        assertEquals(false, parse("app: a\nhealth: { dockerHealthcheck: False }\n").health().dockerHealthcheck());
        assertEquals("[::1]:8080", parse("app: a\nrouter: { listen: \"[::1]:8080\" }\n").router().listen());
        assertEquals("http://app.internal", parse("app: a\nrouter: { url: \"http://app.internal\" }\n").router().url());
        assertEquals("http://[2001:db8::1]:8080", parse("app: a\nrouter: { url: \"http://[2001:db8::1]:8080\" }\n").router().url());
        assertEquals("*:8080", parse("app: a\nrouter: { listen: \"*:8080\" }\n").router().listen());
        assertEquals("http://127.0.0.1:8080", parse("app: a\nrouter: { listen: \"*:8080\" }\n").router().url());
        assertEquals("registry.local:5000/team/x", parse("app: a\nimage: registry.local:5000/team/x\n").image());
        assertEquals(".example.com", parse("app: a\nrouter: { serverName: .example.com }\n").router().serverName());
        assertEquals("SIGRTMIN+3", parse("app: a\nretire: { stopSignal: SIGRTMIN+3 }\n").retire().stopSignal());
        assertThrows(SpecException.class, () -> parse("app: a\nretire: { stopSignal: SIGRTMIN+16 }\n"));
        assertEquals("http://[::1]:8080", parse("app: a\nrouter: { listen: \"[::]:8080\" }\n").router().url());
    }

    @Test
    void unknownKeysNameTheFieldAndLine() {
        SpecException e = reject("""
                app: nest
                health:
                  path: /health
                  retries: 3
                """);
        assertEquals("health.retries", e.field());
        assertEquals(4, e.line());
        assertEquals(3, e.column());
        assertEquals("protostar.yml:4:3: health.retries: unknown field in health", e.getMessage());
    }

    @Test
    void missingAppIsNamed() {
        SpecException e = reject("port: 3000\n");
        assertEquals("app", e.field());
        assertTrue(e.getMessage().contains("app: is required"), e.getMessage());
        assertTrue(reject("").getMessage().contains("app: is required"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            app: nest\\nport: web                              | port          | 2 | expected a whole number
            app: nest\\nport: 70000                            | port          | 2 | between 1 and 65535
            app: nest\\nhealth: { interval: fast }             | health.interval | 2 | expected a duration
            app: nest\\nhealth: { successes: [1] }             | health.successes | 2 | expected a single value
            app: nest\\nhealth: /health                        | health        | 2 | expected a mapping
            app: nest\\nretire: { previous: maybe }            | retire.previous | 2 | warm (keep it running
            app: nest\\nhealth: { dockerHealthcheck: sure }    | health.dockerHealthcheck | 2 | expected true or false
            app: nest\\nrouter: { test: nginx -t }             | router.test   | 2 | expected a list
            app: nest\\nport: "3000"                           | port          | 2 | a quoted string
            app: nest\\nhealth: { deadline: 90 }               | health.deadline | 2 | expected a duration
            app: nest\\nrouter: { listen: "99999" }            | router.listen | 2 | port must be 1 to 65535
            app: nest\\nrouter: { listen: "0" }                | router.listen | 2 | port must be 1 to 65535
            app: nest\\nrouter: { listen: "999.1.1.1:80" }     | router.listen | 2 | each IPv4 number
            app: nest\\nrouter: { url: "http://127.0.0.1:0" }  | router.url    | 2 | outside 1 to 65535
            app: nest\\nimage: nest:latest                     | image         | 2 | without a tag
            app: nest\\nrouter: { url: "http://host.9x:8080" } | router.url    | 2 | no host name
            app: nest\\nretire: { stopSignal: SIGFOO }         | retire.stopSignal | 2 | a signal name
            app: nest\\nretire: { stopTimeout: 500ms }         | retire.stopTimeout | 2 | whole seconds
            """)
    void wrongTypesNameTheField(String yaml, String field, int line, String words) {
        SpecException e = reject(yaml.replace("\\n", "\n"));
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains(words), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            app: "nest; include /etc/passwd"                                 | app
            app: Nest                                                        | app
            app: nest\\nimage: "nest --privileged"                          | image
            app: nest\\nrouter: { listen: "8080; include /tmp/x.conf" }     | router.listen
            app: nest\\nrouter: { serverName: "a.com; return 200 pwned" }   | router.serverName
            app: nest\\nrouter: { serverName: "a.com\\u000a" }              | router.serverName
            app: nest\\nrouter: { url: "http://127.0.0.1/x" }               | router.url
            app: nest\\nrouter: { test: ["nginx -t; rm -rf /"] }            | router.test
            app: nest\\nrouter: { test: [] }                                | router.test
            app: nest\\nhealth: { path: "/x HTTP/1.1\\r\\nHost: evil" }      | health.path
            app: nest\\nhealth: { path: health }                            | health.path
            app: nest\\nnetwork: host                                     | network
            app: nest\\nretire: { previous: stop, drain: 0s }             | retire.drain
            app: nest\\nenv: { "BAD-NAME": x }                              | env
            app: nest\\nenv: { OK: "line\\u0000" }                          | env.OK
            app: nest\\nnetwork: "host --rm"                                | network
            app: nest\\ndocker: { host: "ssh://root@host" }                 | docker.host
            app: nest\\ndocker: { host: "tcp://docker.example.com:2376" }  | docker.host
            app: nest\\nbuild: { context: ../other-repo }                   | build.context
            app: nest\\nbuild: { context: /etc }                            | build.context
            app: nest\\nbuild: { dockerfile: ../../Dockerfile }             | build.dockerfile
            app: nest\\nretire: { stopSignal: "KILL; x" }                   | retire.stopSignal
            """)
    void unsafeValuesAreRefused(String yaml, String field) {
        SpecException e = reject(yaml.replace("\\n", "\n").replace("\\u000a", "\\n").replace("\\u0000", "\\0").replace("\\r", "\\r"));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.line() > 0, e.getMessage());
    }

    @Test
    void headerInjectionThroughTheHealthPathIsRefused() {
        // YAML escapes, so the value really holds CR LF and no space
        SpecException e = reject("app: nest\nhealth: { path: \"/x\\r\\nHost:evil\" }\n");
        assertEquals("health.path", e.field());
        assertTrue(e.getMessage().contains("\\u000d\\u000a"), "shown escaped: " + e.getMessage());
    }

    @Test
    void duplicateKeysAreRefused() {
        SpecException e = reject("app: nest\nport: 1\nport: 2\n");
        assertTrue(e.getMessage().contains("duplicate key port"), e.getMessage());
        assertEquals(3, e.line());
    }

    @Test
    void yamlBombsAndHugeInputsAreRefusedFast() {
        StringBuilder bomb = new StringBuilder("a: &a [x,x,x,x,x,x,x,x,x,x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*").append(p)
                    .append(",*").append(p).append(",*").append(p).append(",*").append(p).append("]\n");
        }
        long t0 = System.nanoTime();
        SpecException e = reject(bomb.toString());
        assertTrue(e.getMessage().contains("not valid YAML") || e.getMessage().contains("unknown field"), e.getMessage());
        SpecException huge = reject("app: nest\nenv:\n" + "  K: v\n".repeat(60_000));
        assertTrue(huge.getMessage().contains("larger than"), huge.getMessage());
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "refused quickly");
    }

    @Test
    void tagsConstructNothing() {
        SpecException e = reject("app: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1/\"]]]]\n");
        // SnakeYAML 2 refuses global tags while composing, before anything could be constructed.
        assertTrue(e.getMessage().contains("Global tag is not allowed"), e.getMessage());
        assertEquals(1, e.line());
        SpecException local = reject("app: !!binary aGVsbG8=\n");
        assertEquals("app", local.field(), local.getMessage());
    }

    @Test
    void invalidYamlHasALine() {
        SpecException e = reject("app: nest\nhealth:\n  path: [unclosed\n");
        assertTrue(e.line() >= 3, e.getMessage());
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
    }

    @Test
    void nginxInAContainerReadsItsFieldsAndNeedsAUserDefinedNetwork() {
        AppSpec s = parse("""
                app: nest
                network: web
                router:
                  kind: nginx-container
                  container: edge-nginx
                  listen: 80
                  serverName: api.example
                """);
        assertTrue(s.router().inContainer());
        assertEquals("edge-nginx", s.router().container());
        assertEquals(Path.of("/etc/nginx/conf.d"), s.router().includeDir(), "a path inside the container, not resolved against the repo");
        assertEquals("http://127.0.0.1:80", s.router().url());
        assertEquals("unix:///var/run/docker.sock", s.dockerHost());

        SpecException bridge = reject("app: nest\nrouter:\n  kind: nginx-container\n");
        assertTrue(bridge.getMessage().contains("network") && bridge.getMessage().contains("user-defined"), bridge.getMessage());
        SpecException relative = reject("app: nest\nnetwork: web\nrouter:\n  kind: nginx-container\n  includeDir: conf.d\n");
        assertTrue(relative.getMessage().contains("router.includeDir") && relative.getMessage().contains(":5:"), relative.getMessage());
        SpecException hostOnly = reject("app: nest\nrouter:\n  container: nginx\n");
        assertTrue(hostOnly.getMessage().contains("router.container") && hostOnly.getMessage().contains("nginx-container"),
                hostOnly.getMessage());
    }

    @Test
    void remoteEnginesNeedTheContainerRouterAndTls() {
        SpecException hostRouter = reject("app: nest\ndocker:\n  host: tcp://10.0.0.5:2376\n");
        assertTrue(hostRouter.getMessage().contains("docker.host") && hostRouter.getMessage().contains("nginx-container"),
                hostRouter.getMessage());
        SpecException plain = reject("app: nest\nnetwork: web\nrouter: {kind: nginx-container}\ndocker:\n  host: tcp://10.0.0.5:2376\n");
        assertTrue(plain.getMessage().contains("docker.tls") && plain.getMessage().contains("required"), plain.getMessage());
        SpecException tlsOnUnix = reject("app: nest\ndocker:\n  host: unix:///run/docker.sock\n  tls: {ca: a.pem}\n");
        assertTrue(tlsOnUnix.getMessage().contains("docker.tls") && tlsOnUnix.getMessage().contains("tcp://"), tlsOnUnix.getMessage());
        SpecException manyOnHost = reject("app: nest\ndocker:\n  hosts:\n    - host: unix:///run/a.sock\n    - host: unix:///run/b.sock\n");
        assertTrue(manyOnHost.getMessage().contains("docker.hosts") && manyOnHost.getMessage().contains("nginx-container"),
                manyOnHost.getMessage());
        SpecException twice = reject("app: nest\nnetwork: web\nrouter: {kind: nginx-container}\ndocker:\n  hosts:\n"
                + "    - host: unix:///run/a.sock\n    - host: unix:///run/a.sock\n");
        assertTrue(twice.getMessage().contains("docker.hosts[1].host") && twice.getMessage().contains("twice"), twice.getMessage());
        SpecException injected = reject("app: nest\ndocker:\n  host: \"unix:///run/docker.sock -H tcp://0.0.0.0:1\"\n");
        assertTrue(injected.getMessage().contains("docker.host"), injected.getMessage());
    }

    @Test
    void hostsNamedByACallerFollowTheSpecsRules() {
        SpecException empty = reject("app: nest\nnetwork: web\nrouter: {kind: nginx-container}\ndocker:\n  hosts: []\n");
        assertTrue(empty.getMessage().contains("docker.hosts") && empty.getMessage().contains("no host"), empty.getMessage());

        var remote = dev.protostar.core.api.DockerEndpoint.of("tcp://10.0.0.5:2376");
        var local = dev.protostar.core.api.DockerEndpoint.of("unix:///var/run/docker.sock");
        IllegalArgumentException plain = assertThrows(IllegalArgumentException.class, () -> DockerHosts.check(List.of(remote), true));
        assertTrue(plain.getMessage().contains("needs TLS"), plain.getMessage());
        IllegalArgumentException hostRouter = assertThrows(IllegalArgumentException.class,
                () -> DockerHosts.check(List.of(local, local), false));
        assertTrue(hostRouter.getMessage().contains("nginx-container"), hostRouter.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> DockerHosts.check(List.of(dev.protostar.core.api.DockerEndpoint.of("tcp://x:1 -H y")), true));
        DockerHosts.check(List.of(local), false);
    }
}
