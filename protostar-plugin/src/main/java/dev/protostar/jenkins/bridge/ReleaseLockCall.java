package dev.protostar.jenkins.bridge;

import dev.protostar.core.api.Advice;
import dev.protostar.core.api.DockerEndpoint;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.api.LockRelease;
import dev.protostar.core.api.VerifyRequest;
import dev.protostar.core.engine.Engine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Releases the app's deploy lock on each of its Docker engines, for a lock whose deploy is known to be dead. With a
 * holder, the engine compares and releases in one (a lock taken over meanwhile stays): see {@code EngineLock.releaseIf}.
 *
 * @param holder the owner the lock must name (a build URL, as the refusal of the next deploy shows it), or null
 *     to release it whoever holds it
 */
public record ReleaseLockCall(String holder) implements EngineCall<ReleaseReport> {
    @Override
    public ReleaseReport run(Path specFile, String baseDir, List<DockerEndpoint> hosts, Advice advice, EventListener listener) {
        try {
            ArrayList<ReleaseReport.Engine> engines = new ArrayList<>();
            for (Map.Entry<String, LockRelease> e : Engine.releaseLock(new VerifyRequest(specFile.toString(), hosts, baseDir, advice),
                    holder).entrySet()) {
                LockRelease r = e.getValue();
                ReleaseReport.State state = r.released() ? ReleaseReport.State.RELEASED
                        : r.refused() ? ReleaseReport.State.HELD_BY_ANOTHER : ReleaseReport.State.NOT_HELD;
                engines.add(new ReleaseReport.Engine(e.getKey(), state, r.holder() == null ? null : r.holder().describe()));
            }
            return new ReleaseReport(engines, null);
        } catch (RuntimeException e) {
            // a spec it cannot read, or an engine it cannot reach: said in words, nothing was released
            return new ReleaseReport(null, String.valueOf(e.getMessage()));
        }
    }

    @Override
    public ReleaseReport reword(ReleaseReport result, UnaryOperator<String> words) {
        return result.reworded(words);
    }
}
