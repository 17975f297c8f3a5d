package dev.protostar.jenkins.bridge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The newest badge of any job for each app on each Docker engine, so that a job page shows the color that is live
 * now, also when another job (the separate rollback job) switched last. The controller never asks Docker: it learns
 * each outcome from the badge a step writes (after a controller restart, from the app's history, read on the agent).
 * Held in memory; after a controller start it is filled once from the jobs' recent badges.
 */
public final class LiveIndex {
    /** One badge as the index keeps it. */
    public record Seen(BadgeModel badge, String engine, long at, String buildName, String buildUrl) {}

    private final Map<String, Seen> newest = new HashMap<>();
    private long generation;

    /**
     * Names a Docker engine across agents: a {@code unix://} socket is the engine of the machine it is on, so it is
     * qualified with the node's name; a {@code tcp://} engine is the same from everywhere.
     *
     * @param engines as {@link DeployReport#endpoint()} gives them, or null
     */
    public static String engineId(String engines, String node) {
        if (engines == null) {
            return "";
        }
        return engines.contains("unix://") ? (node == null || node.isEmpty() ? "built-in" : node) + " " + engines : engines;
    }

    static String key(String app, String engine) {
        return app + " @ " + engine;
    }

    /** Keeps {@code seen} if it is the newest for its app and engine. */
    public synchronized void record(Seen seen) {
        String key = key(seen.badge().app(), seen.engine());
        Seen old = newest.get(key);
        if (old != null && old.at() > seen.at()) {
            return;
        }
        newest.put(key, seen);
        generation++;
    }
    /** The newest badge of any job for the app on that engine, or null. */
    public synchronized Seen newest(String app, String engine) {
        return newest.get(key(app, engine));
    }

    /** Changes with every recorded badge: job pages showing an older state compute theirs again. */
    public synchronized long generation() {
        return generation;
    }

    /**
     * What a job page shows: for each app and engine the job's own badges name, the newest badge of any job.
     *
     * @param ownNewestFirst the job's badges, its newest build first and, within a build, its last command first
     */
    public synchronized List<Seen> live(List<Seen> ownNewestFirst) {
        Map<String, Seen> own = new LinkedHashMap<>();
        ownNewestFirst.forEach(s -> own.putIfAbsent(key(s.badge().app(), s.engine()), s));
        List<Seen> shown = new ArrayList<>();
        own.forEach((key, mine) -> shown.add(later(mine, newest.get(key))));
        return shown;
    }

    /** Of two badges for the same app and engine, the one written last (the first when neither is dated). */
    public static Seen later(Seen own, Seen fromIndex) {
        return fromIndex != null && fromIndex.at() > own.at() ? fromIndex : own;
    }
}
