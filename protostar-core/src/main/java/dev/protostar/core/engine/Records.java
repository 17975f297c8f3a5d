package dev.protostar.core.engine;

import dev.protostar.core.Uninterrupted;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.HistoryEntry;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import dev.protostar.core.docker.ImageStore;
import dev.protostar.core.spec.Color;

/** Closes a command: appends the history entry and builds the result. */
final class Records {
    private Records() {}

    static DeployResult finish(Session s, String action, String owner, String revision, Outcome outcome,
                               Color now, Color before, ImageStore.Image image, Phase failedPhase, String unmaskedError,
                               String unmaskedDetail) {
        return finish(s, action, null, owner, revision, outcome, now, before, image, failedPhase, unmaskedError, unmaskedDetail);
    }

    /** @param rollbackOf the history entry a rollback went back to, or null */
    static DeployResult finish(Session s, String action, String rollbackOf, String owner, String revision, Outcome outcome,
                               Color now, Color before, ImageStore.Image image, Phase failedPhase, String unmaskedError,
                               String unmaskedDetail) {
        // The history is kept and shown to anyone who can read the engine: no value from the deploying machine goes in.
        String error = s.spec.secrets().mask(unmaskedError);
        String detail = s.spec.secrets().mask(unmaskedDetail);
        String imageName = image == null ? null : image.name();
        String imageId = image == null ? null : image.id();
        s.intentWritten();
        if (s.holdsLock()) { // a command refused at the lock changed nothing, and may not write where the holder writes
            java.util.function.Supplier<HistoryEntry> entry = () -> new HistoryEntry(s.id, Session.now(), s.spec.app(), action,
                    outcome.name(), owner, revision, word(now), word(before), imageName, imageId, s.timeline.millis(),
                    s.timeline.orderedPhases(), error).rollingBackTo(rollbackOf).pinnedBy(ImagePin.digestOf(image));
            if (outcome == Outcome.SUCCEEDED && s.mayEndBehind()) {
                HistoryEntry atAnswer = entry.get();
                s.recordBehind(() -> s.historyToAppend().append(atAnswer));
                s.timeline.info("the history record and the lock's release follow this answer (the next command here waits for them)");
            } else {
                try {
                    Uninterrupted.run(() -> s.timeline.run(Phase.RECORD, () -> s.historyToAppend().append(entry.get())));
                } catch (RuntimeException e) {
                    s.timeline.warn("could not record the history: " + e.getMessage());
                }
            }
        }
        String shown = detail == null ? error : error + "\n" + detail;
        return new DeployResult(s.spec.app(), action, outcome, word(now), word(before), imageName, imageId,
                s.timeline.millis(), s.timeline.orderedPhases(), failedPhase, shown);
    }

    private static String word(Color c) {
        return c == null ? null : c.word();
    }
}
