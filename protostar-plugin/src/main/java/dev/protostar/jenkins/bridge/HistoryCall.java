package dev.protostar.jenkins.bridge;

import dev.protostar.core.api.Advice;
import dev.protostar.core.api.DockerEndpoint;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.api.HistoryEntry;
import dev.protostar.core.api.LockHolder;
import dev.protostar.core.api.VerifyRequest;
import dev.protostar.core.engine.Engine;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Reads, on the agent, what a deploy or switch of this build recorded in the app's history on its Docker engine, and
 * whether the app's lock still names this build: the step's answer after a controller restart (see {@link AfterRestart}).
 *
 * @param owner the owner the step passed to the engine (the build's URL)
 * @param action {@code deploy} or {@code switch}
 * @param startedAt when the step started, by the controller's clock
 */
public record HistoryCall(String owner, String action, long startedAt) implements EngineCall<ResumeReport> {
    @Override
    public ResumeReport run(Path specFile, String baseDir, List<DockerEndpoint> hosts, Advice advice, EventListener listener) {
        try {
            VerifyRequest request = new VerifyRequest(specFile.toString(), hosts, baseDir, advice);
            List<HistoryEntry> entries = Engine.history(request, AfterRestart.LOOK_BACK, listener);
            HistoryEntry mine = AfterRestart.pick(entries, owner, action, startedAt);
            if (mine != null) {
                return new ResumeReport(AfterRestart.report(mine), false, null);
            }
            boolean held = Engine.lockStatus(request).values().stream().flatMap(Optional::stream)
                    .map(LockHolder::owner).anyMatch(owner::equals);
            return new ResumeReport(null, held, null);
        } catch (RuntimeException e) {
            return new ResumeReport(null, false, String.valueOf(e.getMessage()));
        }
    }

    @Override
    public ResumeReport reword(ResumeReport result, UnaryOperator<String> words) {
        return result.reworded(words);
    }
}
