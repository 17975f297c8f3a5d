package dev.protostar.jenkins;

import dev.protostar.core.api.Outcome;
import dev.protostar.jenkins.bridge.BadgeModel;
import dev.protostar.jenkins.bridge.LiveIndex;
import hudson.model.BuildBadgeAction;
import hudson.model.Run;
import java.io.IOException;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * One deploy or switch of one app in a build: a blue or green icon in the build history and on
 * the build page. Kept as plain fields so the build record stays readable. Shown in the build's
 * {@code api/json} under {@code actions} (visible at the build's second level, where core lists actions).
 */
@ExportedBean(defaultVisibility = 2)
public final class ProtostarBadgeAction implements BuildBadgeAction {
    private final String app;
    private final String action;
    private final String outcome;
    private final String live;
    private final String previous;
    private final String image;
    private final String imageId;
    private final long millis;
    private final String failedPhase;
    /** The Docker engine it acted on ({@link LiveIndex#engineId}); null in badges from before it was kept. */
    private final String engine;
    /** When the outcome was known, by the controller's clock; 0 in badges from before it was kept. */
    private final long at;

    ProtostarBadgeAction(BadgeModel m, String engine, long at) {
        this.engine = engine;
        this.at = at;
        this.app = m.app();
        this.action = m.action();
        this.outcome = m.outcome().name();
        this.live = m.live();
        this.previous = m.previous();
        this.image = m.image();
        this.imageId = m.imageId();
        this.millis = m.millis();
        this.failedPhase = m.failedPhase();
    }

    static void attach(Run<?, ?> run, BadgeModel model) throws IOException {
        attach(run, model, "");
    }

    /**
     * Adds the badge, replacing an earlier one for the same app in this build, saves the build, and tells the job
     * pages (of every job: see {@link LiveColorsActionFactory}).
     *
     * @param engine the Docker engine the command acted on, as {@link LiveIndex#engineId} names it
     */
    static void attach(Run<?, ?> run, BadgeModel model, String engine) throws IOException {
        for (ProtostarBadgeAction old : run.getActions(ProtostarBadgeAction.class)) {
            if (old.app.equals(model.app())) {
                run.removeAction(old);
            }
        }
        ProtostarBadgeAction badge = new ProtostarBadgeAction(model, engine, System.currentTimeMillis());
        run.addAction(badge);
        run.save();
        LiveColorsActionFactory.badgeAdded(run, badge);
    }

    @Exported
    public String getApp() {
        return app;
    }

    /** {@code deploy} or {@code switch}. */
    @Exported
    public String getAction() {
        return action;
    }

    /** The engine's outcome: {@code SUCCEEDED}, {@code FAILED_BEFORE_SWITCH}, {@code SWITCHED_BACK} or {@code FAILED}. */
    @Exported
    public String getOutcome() {
        return outcome;
    }

    /** The color live afterwards, or null when none is. */
    @Exported
    public String getLive() {
        return live;
    }

    @Exported
    public String getPrevious() {
        return previous;
    }

    @Exported
    public String getImage() {
        return image;
    }

    @Exported
    public String getImageId() {
        return imageId;
    }

    @Exported
    public long getMillis() {
        return millis;
    }

    @Exported
    public String getFailedPhase() {
        return failedPhase;
    }

    /** The Docker engine the command acted on, or "" when the badge does not say. */
    public String getEngine() {
        return engine == null ? "" : engine;
    }

    /** When the outcome was known (epoch millis), or 0 when the badge does not say. */
    public long getAt() {
        return at;
    }

    public BadgeModel getModel() {
        return new BadgeModel(app, action, Outcome.valueOf(outcome), live, previous, image, imageId, millis, failedPhase);
    }

    public String getSymbol() {
        return getModel().symbol();
    }

    public String getTooltip() {
        return getModel().tooltip();
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return null;
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
