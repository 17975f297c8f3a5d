package dev.protostar.jenkins.bridge;

import dev.protostar.core.api.DockerEndpoint;
import dev.protostar.core.api.Event;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.api.Phase;
import dev.protostar.core.api.VerifyRequest;
import dev.protostar.core.engine.Engine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

public record VerifyCall() implements EngineCall<VerifyReport> {
    @Override
    public VerifyReport run(Path specFile, String baseDir, List<DockerEndpoint> hosts, EventListener listener) {
        // The engine ends its verify phase as done when it has looked, whatever it found: the log's line for it
        // waits for the findings, so that it does not say ✓ above the problems.
        List<Event> verifyPhases = new ArrayList<>();
        EventListener holdingBack = e -> {
            if (e.phase() == Phase.VERIFY && e.kind() == Event.Kind.FINISHED) {
                verifyPhases.add(e);
            } else {
                listener.onEvent(e);
            }
        };
        VerifyReport report;
        try {
            report = VerifyReport.of(Engine.verify(new VerifyRequest(specFile.toString(), hosts, baseDir), holdingBack));
        } catch (RuntimeException e) {
            // verify reports what it finds; a spec it cannot read, or not reaching Docker or nginx, is one more finding
            report = VerifyReport.problem(e.getMessage());
        }
        for (Event e : verifyPhases) {
            listener.onEvent(report.ok() ? e : new Event(Event.Kind.FAILED, Phase.VERIFY,
                    report.problems().size() + " problem(s), listed below", e.millis()));
        }
        return report;
    }

    @Override
    public VerifyReport reword(VerifyReport result, UnaryOperator<String> words) {
        return result.reworded(words);
    }
}
