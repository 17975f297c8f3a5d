package dev.protostar.jenkins.bridge;

import dev.protostar.core.docker.DockerEndpoint;
import dev.protostar.core.engine.Engine;
import dev.protostar.core.engine.EventListener;
import dev.protostar.core.engine.SwitchRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/** @param to "previous", "blue" or "green" */
public record SwitchCall(String to, String owner) implements EngineCall<DeployReport> {
    @Override
    public DeployReport run(Path specFile, List<DockerEndpoint> hosts, EventListener listener) {
        return DeployReport.of(Engine.switchTo(new SwitchRequest(specFile.toString(), to, owner, hosts), listener));
    }

    @Override
    public DeployReport reword(DeployReport result, UnaryOperator<String> words) {
        return result.reworded(words);
    }
}
