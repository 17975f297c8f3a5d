package dev.protostar.jenkins.bridge;

import dev.protostar.core.api.Advice;
import dev.protostar.core.api.DockerEndpoint;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.api.VerifyRequest;
import dev.protostar.core.engine.Engine;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/** The engine ends its verify phase failed when it found problems, so no ✓ stands above them in the log. */
public record VerifyCall() implements EngineCall<VerifyReport> {
    @Override
    public VerifyReport run(Path specFile, String baseDir, List<DockerEndpoint> hosts, Advice advice, EventListener listener) {
        try {
            return VerifyReport.of(Engine.verify(new VerifyRequest(specFile.toString(), hosts, baseDir, advice), listener));
        } catch (RuntimeException e) {
            // verify reports what it finds; a spec it cannot read, or not reaching Docker or nginx, is one more finding
            return VerifyReport.problem(e.getMessage());
        }
    }

    @Override
    public VerifyReport reword(VerifyReport result, UnaryOperator<String> words) {
        return result.reworded(words);
    }
}
