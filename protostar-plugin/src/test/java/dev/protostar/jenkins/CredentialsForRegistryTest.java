package dev.protostar.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import dev.protostar.core.docker.RegistryAuth;
import dev.protostar.jenkins.bridge.BadgeModel;
import dev.protostar.jenkins.bridge.BoundCredentials;
import dev.protostar.jenkins.bridge.DeployCall;
import dev.protostar.jenkins.bridge.DeployReport;
import dev.protostar.jenkins.bridge.Endpoint;
import dev.protostar.jenkins.bridge.SpecSource;
import hudson.AbortException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * protostarDeploy's registryCredentialsId, offline: a problem names the parameter and the id, never a value, and comes
 * before the engine is called; the credentials reach the engine as PROTOSTAR_REGISTRY_USERNAME/PASSWORD and the password
 * is masked in everything reported, for a deploy and a rollback. The lookup in Jenkins (a real username with password, the
 * use tracked) is CredentialsForRegistryJenkinsTest's.
 */
class CredentialsForRegistryTest {
    @TempDir
    Path ws;

    private final List<String> looked = new ArrayList<>();

    private IdCredentials store(String id) throws IOException {
        looked.add(id);
        return switch (id) {
            case "nest-env" -> new CredentialBindingsTest.FakeFile(id, "A=b\n".getBytes(StandardCharsets.UTF_8), false);
            case "locked" -> throw new IOException("the store is locked");
            default -> null;
        };
    }

    private AbortException refused(String id) {
        return assertThrows(AbortException.class, () -> RegistryCredentials.resolve(id, this::store));
    }

    @Test
    void aMissingUnreadableOrOtherCredentialNamesTheParameter() {
        assertEquals("registryCredentialsId: credentials \"no-such\" were not found, or this build may not use them; nothing on "
                + "the server changed", refused("no-such").getMessage());
        assertEquals("registryCredentialsId: credentials \"nest-env\" are not a username with password (for a registry that "
                + "takes a token, the token is the password); nothing on the server changed", refused("nest-env").getMessage());
        assertEquals("registryCredentialsId: credentials \"locked\" could not be read (the store is locked); nothing on the "
                + "server changed", refused("locked").getMessage());
        assertTrue(refused("x\u001b[2J").getMessage().contains("\\u001b"), "printable");
    }

    @Test
    void withoutAnIdNothingIsLookedUp() throws Exception {
        assertEquals(BoundCredentials.NONE, RegistryCredentials.resolve(null, this::store));
        RegistryCredentials.check(null, List.of(new UsernamePasswordBinding(RegistryAuth.USERNAME, RegistryAuth.PASSWORD, "r")));
        assertEquals(List.of(), looked);
    }

    @Test
    void theRegistrysVariablesAreGivenOnce() {
        AbortException twice = assertThrows(AbortException.class, () -> RegistryCredentials.check("registry",
                List.of(new SecretTextBinding("REDIS_URL", "redis"),
                        new UsernamePasswordBinding("REG_USER", RegistryAuth.PASSWORD, "other"))));
        assertEquals("registryCredentialsId gives the registry's credentials, but credentials[1] (usernamePassword) also binds "
                + "PROTOSTAR_REGISTRY_PASSWORD: give them once; nothing on the server changed", twice.getMessage());
        assertEquals(List.of(), looked, "checked before any lookup");
        assertThrows(IllegalArgumentException.class, () -> new BoundCredentials(Map.of(RegistryAuth.PASSWORD, "a-token"), Map.of(),
                Map.of()).and(new BoundCredentials(Map.of(RegistryAuth.PASSWORD, "b-token"), Map.of(), Map.of())));
    }

    @Test
    void thePasswordIsSecretTheUsernameOnlyWhenMarkedSo() throws Exception {
        BoundCredentials plainUser = RegistryCredentials.values("registry", "ci-bot", "token-5e1f", false);
        assertEquals(Map.of(RegistryAuth.PASSWORD, "token-5e1f"), plainUser.secretValues());
        assertEquals(Map.of(RegistryAuth.USERNAME, "ci-bot"), plainUser.publicValues());
        BoundCredentials secretUser = RegistryCredentials.values("registry", "ci-bot", "token-5e1f", true);
        assertEquals(Map.of(RegistryAuth.USERNAME, "ci-bot", RegistryAuth.PASSWORD, "token-5e1f"), secretUser.secretValues());
        assertFalse(secretUser.toString().contains("token-5e1f") || secretUser.toString().contains("ci-bot"), secretUser.toString());
        for (String[] incomplete : new String[][] {{" ", "token"}, {null, "token"}, {"ci-bot", ""}, {"ci-bot", null}}) {
            AbortException e = assertThrows(AbortException.class,
                    () -> RegistryCredentials.values("registry", incomplete[0], incomplete[1], false));
            assertEquals("registryCredentialsId: credentials \"registry\" have an empty username or password; nothing on the "
                    + "server changed", e.getMessage());
        }
        BoundCredentials both = new BoundCredentials(Map.of("REDIS_URL", "redis://r"), Map.of(), Map.of()).and(plainUser);
        assertEquals(List.of(RegistryAuth.PASSWORD, RegistryAuth.USERNAME, "REDIS_URL"), List.copyOf(both.variables()));
        assertEquals("token-5e1f", both.secretValues().get(RegistryAuth.PASSWORD));
    }

    @Test
    void theStepKeepsTheIdTrimmedAndLeavesBlankOut() {
        ProtostarDeployStep step = new ProtostarDeployStep();
        step.setRegistryCredentialsId("  ");
        assertNull(step.getRegistryCredentialsId());
        step.setRegistryCredentialsId(" registry ");
        assertEquals("registry", step.getRegistryCredentialsId());
    }

    /**
     * The engine finds the registry's variables where it reads the environment (the spec here reads the username, which
     * only that proves), and the password is masked in the log, the failure, the badge and the call, for a deploy and a
     * rollback: the password here is a text the engine's own words hold (the address where nothing listens).
     */
    @Test
    void theEngineGetsTheVariablesAndThePasswordIsNeverShown() throws Exception {
        Files.writeString(ws.resolve("protostar.yml"), "app: nest\nport: 3000\nrouter:\n  includeDir: nginx\nenv:\n"
                + "  REG_USER: { fromEnv: " + RegistryAuth.USERNAME + " }\n");
        BoundCredentials registry = RegistryCredentials.values("registry", "ci-bot", "127.0.0.1:1", false);
        for (boolean rollback : new boolean[] {false, true}) {
            List<String> unmasked = run(rollback, RegistryCredentials.values("registry", "ci-bot", "unrelated-token", false), null);
            assertTrue(String.join("\n", unmasked).contains("127.0.0.1:1"), "the engine names the address: " + unmasked);
            for (String text : unmasked) {
                assertFalse(text.contains("unrelated-token"), "a password in: " + text);
            }
            List<String> shown = new ArrayList<>();
            DeployReport r = runReport(rollback, registry, shown);
            assertFalse(r.ok(), String.valueOf(r));
            assertNotEquals("spec", r.failedPhase(), "the spec found " + RegistryAuth.USERNAME + ": " + r);
            for (String text : shown.subList(2, shown.size())) { // the call and its hosts as printed, then all that is reported
                assertFalse(text.contains("127.0.0.1:1"), (rollback ? "rollback" : "deploy") + ", not masked: " + text);
            }
            assertTrue(String.join("\n", shown).contains("****"), String.valueOf(shown));
        }
    }

    private List<String> run(boolean rollback, BoundCredentials bound, List<String> into) throws Exception {
        List<String> shown = into == null ? new ArrayList<>() : into;
        runReport(rollback, bound, shown);
        return shown;
    }

    private DeployReport runReport(boolean rollback, BoundCredentials bound, List<String> shown) throws Exception {
        Map<String, String> env = Map.of("PATH", "/usr/bin");
        DeployCall call = rollback ? DeployCall.rollback("previous", "job/nest/3/", env, bound)
                : new DeployCall("127.0.0.1:5000/team/nest:1", "job/nest/3/", null, env, bound);
        CapturedLog log = new CapturedLog();
        OnAgent<DeployReport> onAgent = new OnAgent<>("registry", new SpecSource(null, null, null, null, null), ws + "@tmp", call,
                List.of(new Endpoint("tcp://127.0.0.1:1", null, null, null)), log, true);
        shown.add(String.valueOf(call));
        shown.add(String.valueOf(onAgent));
        DeployReport r = onAgent.invoke(ws.toFile(), null);
        shown.addAll(List.of(Summary.failure(r), String.valueOf(r), BadgeModel.of(r).tooltip(), log.text()));
        return r;
    }
}
