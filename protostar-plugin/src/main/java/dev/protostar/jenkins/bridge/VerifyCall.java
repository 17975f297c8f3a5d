package dev.protostar.jenkins.bridge;

import dev.protostar.core.docker.DockerEndpoint;
import dev.protostar.core.engine.Engine;
import dev.protostar.core.engine.EventListener;
import dev.protostar.core.engine.VerifyRequest;
import java.nio.file.Path;
import java.util.List;

public record VerifyCall() implements EngineCall<VerifyReport> {
    @Override
    public VerifyReport run(Path specFile, List<DockerEndpoint> hosts, EventListener listener) {
        try {
            return VerifyReport.of(Engine.verify(new VerifyRequest(specFile.toString(), hosts), listener));
        } catch (RuntimeException e) {
            // verify reports what it finds; a spec it cannot read, or not reaching Docker or nginx, is one more finding
            return VerifyReport.problem(e.getMessage());
        }
    }
}
