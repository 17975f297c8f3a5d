package dev.protostar.jenkins.bridge;

import dev.protostar.core.api.DockerEndpoint;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.api.LockHolder;
import dev.protostar.core.api.VerifyRequest;
import dev.protostar.core.engine.Engine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Releases the app's deploy lock on each of its Docker engines: the Pipeline's {@code protostar lock release},
 * for a lock whose deploy is known to be dead.
 *
 * @param holder the owner the lock must name (a build URL, as the refusal of the next deploy shows it), or null
 *     to release it whoever holds it
 */
public record ReleaseLockCall(String holder) implements EngineCall<ReleaseReport> {
    @Override
    public ReleaseReport run(Path specFile, String baseDir, List<DockerEndpoint> hosts, EventListener listener) {
        try {
            return release(new VerifyRequest(specFile.toString(), hosts, baseDir));
        } catch (RuntimeException e) {
            // a spec it cannot read, or an engine it cannot reach: said in words, nothing was released
            return new ReleaseReport(new ArrayList<>(List.of(String.valueOf(e.getMessage()))), false);
        }
    }

    private ReleaseReport release(VerifyRequest request) {
        ArrayList<String> lines = new ArrayList<>();
        if (holder != null) {
            for (Map.Entry<String, Optional<LockHolder>> e : Engine.lockStatus(request).entrySet()) {
                Optional<LockHolder> h = e.getValue();
                if (h.isPresent() && !holder.equals(h.get().owner())) {
                    lines.add(e.getKey() + ": not released: the lock is held by " + h.get().describe() + ", not by " + holder);
                    return new ReleaseReport(lines, false);
                }
            }
        }
        // The engine removes the lock whoever holds it: between the check above and this, another deploy could take it.
        Engine.releaseLock(request).forEach((host, h) -> lines.add(host + ": "
                + h.map(x -> "released the lock held by " + x.describe()).orElse("no deploy lock was held")));
        return new ReleaseReport(lines, true);
    }

    @Override
    public ReleaseReport reword(ReleaseReport result, UnaryOperator<String> words) {
        return result.reworded(words);
    }
}
