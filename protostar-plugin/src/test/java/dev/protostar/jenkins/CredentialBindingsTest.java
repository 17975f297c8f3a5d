package dev.protostar.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.impl.BaseStandardCredentials;
import dev.protostar.jenkins.bridge.BoundCredentials;
import hudson.AbortException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.junit.jupiter.api.Test;

/**
 * The step's credentials are checked before any is looked up, and each problem names the binding (credentials[i] and
 * its symbol) and the credentials id, never a value. Looked up here through a fake store; CredentialBindingsJenkinsTest
 * looks them up in Jenkins.
 */
class CredentialBindingsTest {
    private static final String CONTENT = "DATABASE_URL=postgres://app:file-secret-5d1e@db/app\n";

    /** A secret file, as plain-credentials' FileCredentialsImpl gives it (its content as a stream). */
    static final class FakeFile extends BaseStandardCredentials implements FileCredentials {
        private final byte[] content;
        private final boolean broken;

        FakeFile(String id, byte[] content, boolean broken) {
            super(id, "test");
            this.content = content;
            this.broken = broken;
        }

        @Override
        public String getFileName() {
            return "nest.env";
        }

        @Override
        public InputStream getContent() throws IOException {
            if (broken) {
                throw new IOException("the store cannot decrypt it");
            }
            return new ByteArrayInputStream(content);
        }
    }

    private final List<String> looked = new ArrayList<>();

    private IdCredentials store(String id) {
        looked.add(id);
        return switch (id) {
            case "nest-env" -> new FakeFile(id, CONTENT.getBytes(StandardCharsets.UTF_8), false);
            case "broken" -> new FakeFile(id, new byte[0], true);
            case "huge" -> new FakeFile(id, new byte[SecretFileBinding.MAX_BYTES + 1], false);
            default -> null;
        };
    }

    private AbortException refused(CredentialBinding... bindings) {
        return assertThrows(AbortException.class, () -> CredentialBindings.resolve(Arrays.asList(bindings), this::store));
    }

    @Test
    void aSecretFileIsReadForTheCallAndItsUseIsLookedUpOnce() throws Exception {
        BoundCredentials b = CredentialBindings.resolve(List.of(new SecretFileBinding("NEST_ENV", "nest-env")), this::store);
        assertEquals(List.of("nest-env"), looked);
        assertEquals(Map.of(), b.secretValues());
        assertEquals("nest.env", b.files().get("NEST_ENV").name());
        assertEquals(CONTENT, new String(b.files().get("NEST_ENV").content(), StandardCharsets.UTF_8));
        assertEquals(BoundCredentials.NONE, CredentialBindings.resolve(null, this::store));
        assertEquals(BoundCredentials.NONE, CredentialBindings.resolve(List.of(), this::store));
    }

    @Test
    void missingOrOtherCredentialsNameTheBindingAndTheId() {
        AbortException missing = refused(new SecretFileBinding("NEST_ENV", "nest-env"), new SecretTextBinding("REDIS_URL", "no-such"));
        assertEquals("credentials[1] (string): credentials \"no-such\" were not found, or this build may not use them",
                missing.getMessage());
        AbortException wrong = refused(new SecretTextBinding("REDIS_URL", "nest-env"));
        assertEquals("credentials[0] (string): credentials \"nest-env\" are not Secret text", wrong.getMessage());
        AbortException up = refused(new UsernamePasswordBinding("DB_USER", "DB_PASSWORD", "nest-env"));
        assertEquals("credentials[0] (usernamePassword): credentials \"nest-env\" are not Username and password", up.getMessage());
        AbortException broken = refused(new SecretFileBinding("F", "broken"));
        assertTrue(broken.getMessage().startsWith("credentials[0] (file): credentials \"broken\" could not be read (the store cannot"),
                broken.getMessage());
        AbortException huge = refused(new SecretFileBinding("F", "huge"));
        assertTrue(huge.getMessage().contains("larger than 1 MiB"), huge.getMessage());
    }

    @Test
    void badBindingsAreRefusedBeforeAnyLookup() {
        assertEquals("credentials[1] (usernamePassword): \"DB-PASSWORD\" is not a variable name (letters, digits and '_', not "
                + "starting with a digit)", refused(new SecretTextBinding("A", "x"),
                new UsernamePasswordBinding("DB_USER", "DB-PASSWORD", "db")).getMessage());
        assertEquals("credentials[0] (file): \"\" is not a variable name (letters, digits and '_', not starting with a digit)",
                refused(new SecretFileBinding(" ", "x")).getMessage());
        assertEquals("credentials[1] (file): the variable REDIS_URL is bound twice",
                refused(new SecretTextBinding("REDIS_URL", "a"), new SecretFileBinding("REDIS_URL", "b")).getMessage());
        assertEquals("credentials[0] (usernamePassword): the variable X is bound twice",
                refused(new UsernamePasswordBinding("X", "X", "db")).getMessage());
        assertEquals("credentials[0] (string): credentialsId is missing", refused(new SecretTextBinding("A", "  ")).getMessage());
        assertEquals("credentials[0] is empty", refused((CredentialBinding) null).getMessage());
        assertTrue(refused(new SecretTextBinding("A\u001b[2J", "x")).getMessage().contains("\\u001b"), "printable");
        assertEquals(List.of(), looked, "nothing looked up");
    }

    @Test
    void theStepKeepsItsBindingsAndTheSnippetLeavesAnEmptyListOut() {
        ProtostarDeployStep step = new ProtostarDeployStep();
        step.setCredentials(List.of());
        assertEquals(null, step.getCredentials());
        step.setCredentials(List.of(new SecretTextBinding(" REDIS_URL ", " redis-url ")));
        SecretTextBinding b = (SecretTextBinding) step.getCredentials().get(0);
        assertEquals("REDIS_URL", b.getVariable());
        assertEquals("redis-url", b.getCredentialsId());
        UsernamePasswordBinding up = new UsernamePasswordBinding("DB_USER", "DB_PASSWORD", "db");
        assertEquals(List.of("DB_USER", "DB_PASSWORD"), up.variables());
    }
}
