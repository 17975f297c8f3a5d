package dev.protostar.jenkins.bridge;

import dev.protostar.core.api.DockerEndpoint;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.api.VerifyRequest;
import dev.protostar.core.api.VerifyResult;
import dev.protostar.core.engine.Engine;
import dev.protostar.core.spec.SpecException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

public record VerifyCall() implements EngineCall<VerifyResult> {
    @Override
    public VerifyResult run(Path specFile, List<DockerEndpoint> hosts, EventListener listener) {
        try {
            return Travel.copy(Engine.verify(new VerifyRequest(specFile.toString(), hosts), listener));
        } catch (SpecException e) {
            return new VerifyResult(null, null, new ArrayList<>(List.of(e.getMessage())), 0);
        } catch (RuntimeException e) {
            // verify reports what it finds; not reaching Docker or nginx is one more finding
            return new VerifyResult(null, null, new ArrayList<>(List.of(String.valueOf(e.getMessage()))), 0);
        }
    }
}
