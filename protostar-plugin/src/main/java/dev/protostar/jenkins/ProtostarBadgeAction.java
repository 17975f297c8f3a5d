package dev.protostar.jenkins;

import dev.protostar.core.api.Outcome;
import dev.protostar.jenkins.bridge.BadgeModel;
import hudson.model.BuildBadgeAction;
import hudson.model.Run;
import java.io.IOException;

/**
 * One deploy or switch of one app in a build: a blue or green icon in the build history and on
 * the build page. Kept as plain fields so the build record stays readable.
 */
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

    ProtostarBadgeAction(BadgeModel m) {
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

    /** Adds the badge, replacing an earlier one for the same app in this build, and saves the build. */
    static void attach(Run<?, ?> run, BadgeModel model) throws IOException {
        for (ProtostarBadgeAction old : run.getActions(ProtostarBadgeAction.class)) {
            if (old.app.equals(model.app())) {
                run.removeAction(old);
            }
        }
        run.addAction(new ProtostarBadgeAction(model));
        run.save();
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
