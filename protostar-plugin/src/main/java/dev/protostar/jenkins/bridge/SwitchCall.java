package dev.protostar.jenkins.bridge;

import dev.protostar.core.api.Advice;
import dev.protostar.core.api.DockerEndpoint;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.api.SwitchRequest;
import dev.protostar.core.engine.Engine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * @param to "previous", "blue" or "green"
 * @param environment the build's environment as the step sees it (with what withCredentials binds), where the
 *     monitoring's token is read; null: the agent process's own
 */
public record SwitchCall(String to, String owner, Map<String, String> environment) implements EngineCall<DeployReport> {
    public SwitchCall {
        environment = environment == null ? null : Map.copyOf(environment);
    }

    public SwitchCall(String to, String owner) {
        this(to, owner, null);
    }

    @Override
    public String toString() {
        // the environment holds credentials: never shown
        return "SwitchCall[to=" + to + ", owner=" + owner + "]";
    }

    @Override
    public DeployReport run(Path specFile, String baseDir, List<DockerEndpoint> hosts, Advice advice, EventListener listener) {
        String engines = Engines.of(specFile, baseDir, hosts); // before the engine runs: it removes a temporary spec once read
        return DeployReport.of(Engine.switchTo(new SwitchRequest(specFile.toString(), to, owner, hosts, baseDir, advice, environment),
                listener)).on(engines);
    }

    @Override
    public DeployReport reword(DeployReport result, UnaryOperator<String> words) {
        return result.reworded(words);
    }
}
