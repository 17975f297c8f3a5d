package dev.protostar.jenkins.bridge;

import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.DockerEndpoint;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.api.SwitchRequest;
import dev.protostar.core.engine.Engine;
import java.nio.file.Path;
import java.util.List;

/** @param to "previous", "blue" or "green" */
public record SwitchCall(String to, String owner) implements EngineCall<DeployResult> {
    @Override
    public DeployResult run(Path specFile, List<DockerEndpoint> hosts, EventListener listener) {
        return Travel.copy(Engine.switchTo(new SwitchRequest(specFile.toString(), to, owner, hosts), listener));
    }
}
