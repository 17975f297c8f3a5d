package dev.protostar.jenkins.bridge;

import dev.protostar.core.api.Advice;
import dev.protostar.core.api.DeployRequest;
import dev.protostar.core.api.DockerEndpoint;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.api.RollbackRequest;
import dev.protostar.core.engine.Engine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * @param image an image to deploy (on the engine, or in a registry by tag or digest), or null to build from the workspace
 * @param environment the build's environment as the step sees it (with what withCredentials binds), where the spec's
 *     {@code fromEnv} values are read; null: the agent process's own
 * @param credentials what the step's {@code credentials} parameter binds; added to the environment where the engine runs
 * @param rollbackTo instead of a deploy, a rollback to this version from the app's history (a deploy id, tag, digest or
 *     {@code previous}); null deploys
 */
public record DeployCall(String image, String owner, String revision, Map<String, String> environment, BoundCredentials credentials,
                         String rollbackTo) implements EngineCall<DeployReport> {
    public DeployCall {
        environment = environment == null ? null : Map.copyOf(environment);
        credentials = credentials == null ? BoundCredentials.NONE : credentials;
    }

    public DeployCall(String image, String owner, String revision, Map<String, String> environment, BoundCredentials credentials) {
        this(image, owner, revision, environment, credentials, null);
    }

    public DeployCall(String image, String owner, String revision, Map<String, String> environment) {
        this(image, owner, revision, environment, null, null);
    }

    public DeployCall(String image, String owner, String revision) {
        this(image, owner, revision, null, null, null);
    }

    /** A rollback to {@code to}, with the build's environment and bound credentials (the container's env needs them too). */
    public static DeployCall rollback(String to, String owner, Map<String, String> environment, BoundCredentials credentials) {
        return new DeployCall(null, owner, null, environment, credentials, to);
    }

    @Override
    public String toString() {
        // the environment and the credentials hold secrets: never shown
        return "DeployCall[image=" + image + ", owner=" + owner + ", revision=" + revision
                + (rollbackTo == null ? "" : ", rollbackTo=" + rollbackTo) + "]";
    }

    @Override
    public DeployReport run(Path specFile, String baseDir, List<DockerEndpoint> hosts, Advice advice, EventListener listener) {
        if (!credentials.files().isEmpty()) {
            throw new IllegalStateException("secret files need the workspace's temporary directory");
        }
        return deploy(specFile, baseDir, hosts, advice, listener, environmentWith(Map.of()));
    }

    /** Writes the secret files into {@code tempDir} for as long as the engine runs, also when it fails or is stopped. */
    @Override
    public DeployReport run(Path specFile, String baseDir, Path tempDir, List<DockerEndpoint> hosts, Advice advice,
                            EventListener listener) {
        BoundCredentials.Written written;
        try {
            written = credentials.write(tempDir);
        } catch (IOException | RuntimeException e) {
            return new DeployReport(null, rollbackTo == null ? "deploy" : "rollback", "FAILED_BEFORE_SWITCH", null, null, image, null, 0, "spec",
                    Messages.DeployCall_SecretFilesNotWritten(tempDir, e.getClass().getSimpleName()));
        }
        try (written) {
            return deploy(specFile, baseDir, hosts, advice, listener, environmentWith(written.paths()));
        }
    }

    private Map<String, String> environmentWith(Map<String, String> filePaths) {
        if (credentials.isEmpty()) {
            return environment;
        }
        // No step environment means the process's own: the bound variables join that.
        return BoundCredentials.environment(environment == null ? System.getenv() : environment, credentials, filePaths);
    }

    private DeployReport deploy(Path specFile, String baseDir, List<DockerEndpoint> hosts, Advice advice, EventListener listener,
                                Map<String, String> env) {
        String engines = Engines.of(specFile, baseDir, hosts); // before the engine runs: it removes a temporary spec once read
        if (rollbackTo != null) {
            return DeployReport.of(Engine.rollback(new RollbackRequest(specFile.toString(), rollbackTo, owner, hosts, baseDir, env, advice),
                    listener)).on(engines);
        }
        return DeployReport.of(Engine.deploy(new DeployRequest(specFile.toString(), image, owner, revision, hosts, baseDir,
                env, advice), listener))
                .on(engines);
    }

    @Override
    public UnaryOperator<String> masking() {
        var secrets = credentials.secrets();
        return secrets::mask;
    }

    @Override
    public DeployReport reword(DeployReport result, UnaryOperator<String> words) {
        return result.reworded(words).masked(masking());
    }
}
