package dev.protostar.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.DeployRequest;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.DockerEndpoint;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import dev.protostar.core.api.SwitchRequest;
import dev.protostar.core.api.TlsMaterial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a caller (the CLI, a Jenkins step) hands the engine is checked there too, and a bad one is a result, not a throw. */
class EngineRequestTest {
    @TempDir
    Path tmp;

    private String spec() throws Exception {
        Path spec = tmp.resolve("protostar.yml");
        Files.writeString(spec, """
                app: nest
                port: 3000
                network: web
                router: { kind: nginx-container, container: nginx }
                """);
        return spec.toString();
    }

    @Test
    void aBadRevisionOwnerOrImageIsRefusedNamingItsFieldAndNothingIsTouched() throws Exception {
        String spec = spec();
        DeployResult revision = Engine.deploy(new DeployRequest(spec, null, "ci", "v1\nlocation / { return 200; }", null), EventListener.NONE);
        assertEquals(Outcome.FAILED_BEFORE_SWITCH, revision.outcome());
        assertEquals(Phase.SPEC, revision.failedPhase());
        assertTrue(revision.error().startsWith("revision: ") && revision.error().contains("Nothing on the server was changed"),
                revision.error());
        DeployResult image = Engine.deploy(new DeployRequest(spec, "--privileged", "ci", "v1", null), EventListener.NONE);
        assertTrue(image.error().startsWith("image: "), image.error());
        DeployResult owner = Engine.switchTo(new SwitchRequest(spec, "blue", "me\u001b[2J"), EventListener.NONE);
        assertTrue(owner.error().startsWith("owner: ") && !owner.error().contains("\u001b"), owner.error());
    }

    @Test
    void tlsMaterialThatIsNotPemFailsBeforeTheSwitchWithoutShowingIt() throws Exception {
        String key = "not-a-key-but-a-secret-1234";
        TlsMaterial tls = new TlsMaterial("not a CA", "not a certificate", key);
        DeployResult r = Engine.deploy(new DeployRequest(spec(), null, "ci", "v1",
                List.of(new DockerEndpoint("tcp://127.0.0.1:1", tls))), EventListener.NONE);
        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome(), r.error());
        assertTrue(r.error().contains("Nothing on the server was changed"), r.error());
        assertFalse(r.error().contains(key), r.error());
    }
}
