package dev.protostar.jenkins.bridge;

import dev.protostar.core.api.Advice;
import dev.protostar.core.api.DeployRequest;
import dev.protostar.core.api.DockerEndpoint;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.engine.Engine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * @param image an image to deploy (on the engine, or in a registry by tag or digest), or null to build from the workspace
 * @param environment the build's environment as the step sees it (with what withCredentials binds), where the spec's
 *     {@code fromEnv} values are read; null: the agent process's own
 */
public record DeployCall(String image, String owner, String revision, Map<String, String> environment)
        implements EngineCall<DeployReport> {
    public DeployCall {
        environment = environment == null ? null : Map.copyOf(environment);
    }

    public DeployCall(String image, String owner, String revision) {
        this(image, owner, revision, null);
    }

    @Override
    public String toString() {
        // the environment holds credentials: never shown
        return "DeployCall[image=" + image + ", owner=" + owner + ", revision=" + revision + "]";
    }

    @Override
    public DeployReport run(Path specFile, String baseDir, List<DockerEndpoint> hosts, Advice advice, EventListener listener) {
        String engines = Engines.of(specFile, baseDir, hosts); // before the engine runs: it removes a temporary spec once read
        return DeployReport.of(Engine.deploy(new DeployRequest(specFile.toString(), image, owner, revision, hosts, baseDir,
                environment, advice), listener))
                .on(engines);
    }

    @Override
    public DeployReport reword(DeployReport result, UnaryOperator<String> words) {
        return result.reworded(words);
    }
}
