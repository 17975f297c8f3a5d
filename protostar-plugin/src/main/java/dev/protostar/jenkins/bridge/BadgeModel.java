package dev.protostar.jenkins.bridge;

import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Outcome;
import java.io.Serializable;

/**
 * What a build's badge says about one deploy or switch.
 *
 * @param live the color serving at the end, or null when none is
 * @param failedPhase the phase that failed, or null
 */
public record BadgeModel(String app, String action, Outcome outcome, String live, String previous,
                         String image, String imageId, long millis, String failedPhase) implements Serializable {

    public static BadgeModel of(DeployResult r) {
        return new BadgeModel(r.app() == null ? "?" : r.app(), r.action(), r.outcome(), r.color(), r.previousColor(),
                r.imageName(), r.imageId(), r.millis(), r.failedPhase() == null ? null : r.failedPhase().word());
    }

    public boolean succeeded() {
        return outcome == Outcome.SUCCEEDED;
    }

    /** The icon: the live color, or a grey one when nothing is known to serve. */
    public String symbol() {
        return "symbol-protostar-" + ("blue".equals(live) || "green".equals(live) ? live : "none") + " plugin-protostar";
    }

    public String tooltip() {
        String time = String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        if (succeeded()) {
            StringBuilder sb = new StringBuilder(app).append(" → ").append(live).append(" (");
            if ("switch".equals(action)) {
                sb.append("switch, ");
            }
            if (image != null) {
                sb.append("image ").append(image).append(", ");
            }
            return sb.append(time).append(')').toString();
        }
        String failed = app + ": " + action + " failed" + (failedPhase == null ? "" : " in " + failedPhase);
        return switch (outcome) {
            case FAILED_BEFORE_SWITCH -> failed + "; " + (live == null ? "nothing was switched" : live + " stayed live") + " (" + time + ")";
            case SWITCHED_BACK -> failed + "; traffic went back to " + (live == null ? "no color" : live) + " (" + time + ")";
            default -> failed + " and could not be made safe; run status (" + time + ")";
        };
    }

    /** The image id as people compare it: the first 12 hex digits. */
    public String shortImageId() {
        if (imageId == null) {
            return null;
        }
        String hex = imageId.startsWith("sha256:") ? imageId.substring(7) : imageId;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
}
