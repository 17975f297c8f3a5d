package dev.protostar.core.api;

import java.io.Serializable;
import java.util.Map;

/**
 * What a deploy or switch did, as plain values.
 *
 * @param color the color live at the end (after a failure: the one that kept serving), or null if none is
 * @param previousColor the color that was live before, or null on a first deploy
 * @param phases milliseconds per phase, in order
 * @param error what went wrong and what to do, or null on success
 */
public record DeployResult(String app, String action, Outcome outcome, String color, String previousColor,
                           String imageName, String imageId, long millis, Map<String, Long> phases,
                           Phase failedPhase, String error) implements Serializable {
    public boolean ok() {
        return outcome == Outcome.SUCCEEDED;
    }
}
