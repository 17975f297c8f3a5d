package dev.protostar.jenkins;

import dev.protostar.jenkins.bridge.LiveIndex;
import dev.protostar.jenkins.bridge.PerJobCache;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import jenkins.model.Jenkins;
import jenkins.model.TransientActionFactory;

/**
 * Shows on each job's page the live color of every app its recent builds deployed or switched: for each app and
 * Docker engine, the newest badge of any job (so a separate rollback job's switch counts), else the job's own.
 * The controller never asks Docker for it (it must not reach the engines, and a page view must not start work on
 * an agent): every change a step makes ends in a badge, also after a controller restart (read from the app's
 * history on the agent), and each badge is recorded in {@link LiveIndex}, which a controller start fills once from
 * every job's last {@value #BUILDS_LOOKED_AT} builds.
 */
@Extension
@SuppressWarnings("rawtypes") // TransientActionFactory<Job> is how core types it for all jobs
public final class LiveColorsActionFactory extends TransientActionFactory<Job> {
    /** Enough history for a job that deploys a few apps, without loading a long build record on every view. */
    static final int BUILDS_LOOKED_AT = 20;

    private static final PerJobCache<Job<?, ?>, List<Action>> CACHE = new PerJobCache<>();
    private static LiveIndex index;
    /** The Jenkins the index was filled from (a test JVM starts several). */
    private static java.lang.ref.WeakReference<Jenkins> indexOf = new java.lang.ref.WeakReference<>(null);

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
        LiveIndex all = index();
        return CACHE.get(target, last.getNumber(), all.generation(), () -> rows(last, all));
    }

    /** A badge was added to one of the job's builds: it may be the newest for its app, on every job's page. */
    static void badgeAdded(Run<?, ?> run, ProtostarBadgeAction badge) {
        CACHE.changed(run.getParent());
        index().record(seen(run, badge, true));
    }

    /** Filled once per controller start, on the first job page that asks: every job's recent badges. */
    private static synchronized LiveIndex index() {
        Jenkins jenkins = Jenkins.get();
        if (index == null || indexOf.get() != jenkins) {
            LiveIndex all = new LiveIndex();
            for (Job<?, ?> job : jenkins.getAllItems(Job.class)) {
                badgesOf(job.getLastBuild(), true).forEach(all::record);
            }
            index = all;
            indexOf = new java.lang.ref.WeakReference<>(jenkins);
        }
        return index;
    }

    private static LiveIndex.Seen seen(Run<?, ?> run, ProtostarBadgeAction b, boolean fullName) {
        return new LiveIndex.Seen(b.getModel(), b.getEngine(), b.getAt(), fullName ? run.getFullDisplayName() : run.getDisplayName(),
                run.getUrl());
    }

    /** The badges of a job's last builds, its newest build first and, within a build, its last command first. */
    private static List<LiveIndex.Seen> badgesOf(Run<?, ?> last, boolean fullName) {
        List<LiveIndex.Seen> out = new ArrayList<>();
        Run<?, ?> run = last;
        for (int i = 0; run != null && i < BUILDS_LOOKED_AT; i++, run = run.getPreviousBuild()) {
            List<ProtostarBadgeAction> badges = run.getActions(ProtostarBadgeAction.class);
            for (int j = badges.size() - 1; j >= 0; j--) {
                out.add(seen(run, badges.get(j), fullName));
            }
        }
        return out;
    }

    private static List<Action> rows(Run<?, ?> last, LiveIndex all) {
        List<LiveIndex.Seen> own = badgesOf(last, false);
        if (own.isEmpty()) {
            return List.of();
        }
        List<LiveColorsAction.Row> rows = new ArrayList<>();
        for (LiveIndex.Seen shown : all.live(own)) {
            rows.add(new LiveColorsAction.Row(shown.badge(), shown.buildName(), shown.buildUrl()));
        }
        return List.of(new LiveColorsAction(rows));
    }
}
