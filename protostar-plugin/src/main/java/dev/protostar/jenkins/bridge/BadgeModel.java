package dev.protostar.jenkins.bridge;

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

    public static BadgeModel of(DeployReport r) {
        return new BadgeModel(r.app() == null ? "?" : r.app(), r.action(), Outcome.valueOf(r.outcome()), r.color(),
                r.previousColor(), r.image(), r.imageId(), r.millis(), r.failedPhase());
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
            boolean switched = "switch".equals(action);
            if ("rollback".equals(action) && image != null) {
                return Messages.BadgeModel_RolledBackImage(app, live, image, time);
            }
            if (image == null) {
                return switched ? Messages.BadgeModel_Switched(app, live, time) : Messages.BadgeModel_Deployed(app, live, time);
            }
            return switched ? Messages.BadgeModel_SwitchedImage(app, live, image, time)
                    : Messages.BadgeModel_DeployedImage(app, live, image, time);
        }
        String failed = failedPhase == null ? Messages.BadgeModel_Failed(app, action) : Messages.BadgeModel_FailedIn(app, action, failedPhase);
        return switch (outcome) {
            case FAILED_BEFORE_SWITCH -> live == null ? Messages.BadgeModel_NothingSwitched(failed, time)
                    : Messages.BadgeModel_StayedLive(failed, live, time);
            case SWITCHED_BACK -> Messages.BadgeModel_WentBack(failed, live == null ? Messages.BadgeModel_NoColor() : live, time);
            default -> Messages.BadgeModel_Unsafe(failed, time);
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
