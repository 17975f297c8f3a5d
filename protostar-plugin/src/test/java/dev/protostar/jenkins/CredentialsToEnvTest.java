package dev.protostar.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.jenkins.bridge.BadgeModel;
import dev.protostar.jenkins.bridge.BoundCredentials;
import dev.protostar.jenkins.bridge.DeployCall;
import dev.protostar.jenkins.bridge.DeployReport;
import dev.protostar.jenkins.bridge.Endpoint;
import dev.protostar.jenkins.bridge.SpecSource;
import dev.protostar.jenkins.bridge.StepValues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spec's {@code fromEnv} values are read from the environment the step sees (what withCredentials binds), carried to
 * the agent with the call, and never shown: not in the log, the failure, the badge, or the call printed. The engine runs
 * here in-process against an address where nothing listens, so the deploy fails after the spec was read.
 */
class CredentialsToEnvTest {
    private static final String SECRET = "redis://:bound-by-withCredentials-7f3a@redis:6379";

    @TempDir
    Path ws;

    private final CapturedLog listener = new CapturedLog();

    @BeforeEach
    void spec() throws Exception {
        Files.writeString(ws.resolve("protostar.yml"), "app: nest\nport: 3000\nrouter:\n  includeDir: nginx\nenv:\n"
                + "  REDIS_URL: { fromEnv: REDIS_URL }\n");
    }

    private DeployReport deploy(Map<String, String> environment, List<String> shown) throws Exception {
        DeployCall call = new DeployCall("nest:1", "job/nest/1/", null, environment);
        OnAgent<DeployReport> onAgent = new OnAgent<>("env", new SpecSource(null, null, null, null, null), ws + "@tmp", call,
                List.of(new Endpoint("tcp://127.0.0.1:1", null, null, null)), listener, true);
        shown.add(String.valueOf(call));
        shown.add(String.valueOf(onAgent));
        DeployReport r = onAgent.invoke(ws.toFile(), null);
        shown.addAll(List.of(Summary.failure(r), String.valueOf(r), BadgeModel.of(r).tooltip(), listener.text()));
        return r;
    }

    @Test
    void aBoundCredentialIsReadAndNeverShown() throws Exception {
        List<String> shown = new java.util.ArrayList<>();
        DeployReport r = deploy(Map.of("REDIS_URL", SECRET, "PATH", "/usr/bin"), shown);
        assertEquals("FAILED_BEFORE_SWITCH", r.outcome(), String.valueOf(r));
        assertNotEquals("spec", r.failedPhase(), "the variable was found; the engine that cannot be reached failed it: " + r);
        for (String text : shown) {
            assertFalse(text.contains(SECRET) || text.contains("bound-by-withCredentials"), "a secret in: " + text);
        }
    }

    @Test
    void aVariableTheStepDoesNotSeeNamesTheFieldAndChangesNothing() throws Exception {
        List<String> shown = new java.util.ArrayList<>();
        DeployReport r = deploy(Map.of("PATH", "/usr/bin"), shown);
        assertEquals("spec", r.failedPhase(), String.valueOf(r));
        assertTrue(r.error().contains(":6:14: env.REDIS_URL: takes its value from the variable REDIS_URL"), r.error());
        assertTrue(r.error().contains("Nothing on the server was changed."), r.error());
    }

    private DeployReport deployBound(String spec, BoundCredentials bound, List<String> shown) throws Exception {
        Files.writeString(ws.resolve("protostar.yml"), spec);
        DeployCall call = new DeployCall("nest:1", "job/nest/2/", null, Map.of("PATH", "/usr/bin"), bound);
        CapturedLog log = new CapturedLog();
        OnAgent<DeployReport> onAgent = new OnAgent<>("bound", new SpecSource(null, null, null, null, null), ws + "@tmp", call,
                List.of(new Endpoint("tcp://127.0.0.1:1", null, null, null)), log, true);
        shown.add(String.valueOf(call));
        shown.add(String.valueOf(onAgent));
        DeployReport r = onAgent.invoke(ws.toFile(), null);
        shown.addAll(List.of(Summary.failure(r), String.valueOf(r), BadgeModel.of(r).tooltip(), log.text()));
        return r;
    }

    private List<Path> secretDirs() throws Exception {
        Path tmp = Path.of(ws + "@tmp");
        if (!Files.exists(tmp)) {
            return List.of();
        }
        try (var s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("protostar-secrets-")).toList();
        }
    }

    @Test
    void theStepsCredentialsReachTheSpecAndTheirSecretFileIsGoneAfter() throws Exception {
        String password = "db-pw-bound-by-the-step-41ac";
        String fileSecret = "postgres://app:from-a-secret-file-88e0@db/app";
        BoundCredentials bound = new BoundCredentials(Map.of("REDIS_URL", SECRET, "DB_PASSWORD", password), Map.of("DB_USER", "app"),
                Map.of("NEST_ENV", new BoundCredentials.SecretFile("nest.env",
                        ("DATABASE_URL=" + fileSecret + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        List<String> shown = new java.util.ArrayList<>();
        DeployReport r = deployBound("app: nest\nport: 3000\nrouter:\n  includeDir: nginx\nenvFile: { fromEnv: NEST_ENV }\nenv:\n"
                + "  REDIS_URL: { fromEnv: REDIS_URL }\n  DB_USER: { fromEnv: DB_USER }\n  DB_PASSWORD: { fromEnv: DB_PASSWORD }\n",
                bound, shown);
        assertEquals("FAILED_BEFORE_SWITCH", r.outcome(), String.valueOf(r));
        assertNotEquals("spec", r.failedPhase(), "every variable and the secret file were found: " + r);
        for (String text : shown) {
            for (String secret : List.of(SECRET, password, fileSecret)) {
                assertFalse(text.contains(secret), "a secret in: " + text);
            }
        }
        assertEquals(List.of(), secretDirs(), "the secret file is removed when the deploy ends, here failed");
    }

    @Test
    void aSecretFileTheSpecDoesNotFindNamesTheFieldAndIsGoneToo() throws Exception {
        List<String> shown = new java.util.ArrayList<>();
        DeployReport r = deployBound("app: nest\nport: 3000\nrouter:\n  includeDir: nginx\nenvFile: { fromEnv: NEST_ENV }\n",
                BoundCredentials.NONE, shown);
        assertEquals("spec", r.failedPhase(), String.valueOf(r));
        assertTrue(r.error().contains(":5:10: envFile: takes the path of an env file from the variable NEST_ENV"), r.error());
        assertEquals(List.of(), secretDirs());
    }

    /** The plugin masks what it bound itself, also a value the engine did not read (here one its own words happen to hold). */
    @Test
    void aBoundValueIsMaskedWhereverItShowsUp() throws Exception {
        String spec = "app: nest\nport: 3000\nrouter:\n  includeDir: nginx\n";
        List<String> unbound = new java.util.ArrayList<>();
        deployBound(spec, BoundCredentials.NONE, unbound);
        assertTrue(String.join("\n", unbound).contains("127.0.0.1:1"), "the engine names the address: " + unbound);
        List<String> shown = new java.util.ArrayList<>();
        deployBound(spec, new BoundCredentials(Map.of("UNUSED", "127.0.0.1:1"), Map.of(), Map.of()), shown);
        for (String text : shown.subList(2, shown.size())) {
            assertFalse(text.contains("127.0.0.1:1"), "not masked: " + text);
        }
        assertTrue(String.join("\n", shown).contains("****"), String.valueOf(shown));
    }

    /**
     * The secret file is there while the engine runs and gone once it returns, here after an abort arrived (the
     * controller's StopOnAgent) as soon as the spec was read.
     */
    @Test
    void anAbortedDeployRemovesItsSecretFile() throws Exception {
        Files.writeString(ws.resolve("protostar.yml"), "app: nest\nport: 3000\nrouter:\n  includeDir: nginx\nenvFile: { fromEnv: NEST_ENV }\n");
        BoundCredentials bound = new BoundCredentials(Map.of(), Map.of(), Map.of("NEST_ENV",
                new BoundCredentials.SecretFile("nest.env", "A=from-the-secret-file\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        List<Integer> filesWhenStopped = new java.util.ArrayList<>();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stopping = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8) {
            @Override
            public void println(String line) {
                super.println(line);
                if (line.contains("\u2713 spec") && filesWhenStopped.isEmpty()) {
                    try {
                        filesWhenStopped.add(secretDirs().size());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    new StopOnAgent("abort-secret-file").call();
                }
            }
        };
        hudson.model.TaskListener log = () -> stopping;
        DeployReport r = new OnAgent<>("abort-secret-file", new SpecSource(null, null, null, null, null), ws + "@tmp",
                new DeployCall("nest:1", "job/nest/4/", null, Map.of(), bound),
                List.of(new Endpoint("tcp://127.0.0.1:1", null, null, null)), log, true).invoke(ws.toFile(), null);
        assertEquals(List.of(1), filesWhenStopped, "the secret file was there when the stop came: " + bytes);
        assertFalse(r.ok(), String.valueOf(r));
        assertEquals(List.of(), secretDirs(), "and is gone once the engine returned");
    }
}
