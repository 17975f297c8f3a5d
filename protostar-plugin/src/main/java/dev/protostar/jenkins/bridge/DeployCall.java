package dev.protostar.jenkins.bridge;

import dev.protostar.core.api.DeployRequest;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.DockerEndpoint;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.engine.Engine;
import java.nio.file.Path;
import java.util.List;

/** @param image an existing image to deploy, or null to build from the workspace */
public record DeployCall(String image, String owner, String revision) implements EngineCall<DeployResult> {
    @Override
    public DeployResult run(Path specFile, List<DockerEndpoint> hosts, EventListener listener) {
        return Travel.copy(Engine.deploy(new DeployRequest(specFile.toString(), image, owner, revision, hosts), listener));
    }
}
