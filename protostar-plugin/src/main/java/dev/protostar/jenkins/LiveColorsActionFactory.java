package dev.protostar.jenkins;

import dev.protostar.jenkins.bridge.BadgeModel;
import dev.protostar.jenkins.bridge.LiveColors;
import dev.protostar.jenkins.bridge.PerJobCache;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jenkins.model.TransientActionFactory;

/** Shows on each job's page the live color of every app its recent builds deployed or switched. */
@Extension
@SuppressWarnings("rawtypes") // TransientActionFactory<Job> is how core types it for all jobs
public final class LiveColorsActionFactory extends TransientActionFactory<Job> {
    /** Enough history for a job that deploys a few apps, without loading a long build record on every view. */
    static final int BUILDS_LOOKED_AT = 20;

    private static final PerJobCache<Job<?, ?>, List<Action>> CACHE = new PerJobCache<>();

    @Override
    public Class<Job> type() {
        return Job.class;
    }

    /**
     * Only lookups of this action (or of all actions) reach this factory: core consults a factory when the
     * type asked for and {@code actionType()} are assignable either way ({@code jenkins/model/TransientActionFactory.java},
     * {@code Cache}), so the default, {@code Action.class}, would make every {@code getAction(X)} on every job run it.
     */
    @Override
    public Class<LiveColorsAction> actionType() {
        return LiveColorsAction.class;
    }

    @Override
    public Collection<? extends Action> createFor(Job target) {
        Run<?, ?> last = target.getLastBuild();
        if (last == null) {
            return List.of();
        }
        return CACHE.get(target, last.getNumber(), () -> rows(last));
    }

    /** A badge was added to one of the job's builds. */
    static void badgeAdded(Job<?, ?> job) {
        CACHE.changed(job);
    }

    private static List<Action> rows(Run<?, ?> last) {
        List<BadgeModel> newestFirst = new ArrayList<>();
        Map<BadgeModel, Run<?, ?>> builds = new HashMap<>();
        Run<?, ?> run = last;
        for (int i = 0; run != null && i < BUILDS_LOOKED_AT; i++, run = run.getPreviousBuild()) {
            List<ProtostarBadgeAction> badges = run.getActions(ProtostarBadgeAction.class);
            for (int j = badges.size() - 1; j >= 0; j--) {
                BadgeModel m = badges.get(j).getModel();
                newestFirst.add(m);
                builds.putIfAbsent(m, run);
            }
        }
        if (newestFirst.isEmpty()) {
            return List.of();
        }
        List<LiveColorsAction.Row> rows = new ArrayList<>();
        for (BadgeModel m : LiveColors.latest(newestFirst).values()) {
            Run<?, ?> b = builds.get(m);
            rows.add(new LiveColorsAction.Row(m, b.getDisplayName(), b.getUrl()));
        }
        return List.of(new LiveColorsAction(rows));
    }
}
