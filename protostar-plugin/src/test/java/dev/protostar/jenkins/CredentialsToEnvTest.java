package dev.protostar.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.jenkins.bridge.BadgeModel;
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
}
