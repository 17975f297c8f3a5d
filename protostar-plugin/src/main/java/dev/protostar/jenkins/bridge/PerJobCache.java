package dev.protostar.jenkins.bridge;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * A value computed from a job's recent builds, kept until the job has a new last build or one of its
 * builds changes. Core asks transient action factories for their actions on every page and API
 * call, and says to cache ({@code jenkins/model/TransientActionFactory.java}, {@code createFor}).
 * Jobs are held weakly: a deleted job's entry goes with it.
 */
public final class PerJobCache<J, V> {
    private record Entry<V>(int lastBuild, long generation, long shared, V value) {}

    private final Map<J, Entry<V>> entries = Collections.synchronizedMap(new WeakHashMap<>());
    private final Map<J, Long> generations = Collections.synchronizedMap(new WeakHashMap<>());

    /** The value for the job as of its last build, computed only if that build or the job's builds changed since. */
    public V get(J job, int lastBuild, Supplier<V> compute) {
        return get(job, lastBuild, 0, compute);
    }

    /**
     * As {@link #get(Object, int, Supplier)}, also computed again when {@code shared} changed: the generation of
     * something every job's value reads (the badges of all jobs, {@link LiveIndex}).
     */
    public V get(J job, int lastBuild, long shared, Supplier<V> compute) {
        long generation = generations.getOrDefault(job, 0L);
        Entry<V> e = entries.get(job);
        if (e != null && e.lastBuild() == lastBuild && e.generation() == generation && e.shared() == shared) {
            return e.value();
        }
        V value = compute.get();
        entries.put(job, new Entry<>(lastBuild, generation, shared, value));
        return value;
    }

    /** One of the job's builds changed (a badge was added): the next {@link #get} computes afresh. */
    public void changed(J job) {
        generations.merge(job, 1L, Long::sum);
    }
}
