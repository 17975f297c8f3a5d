package dev.protostar.core.router;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Changes to one nginx that commands of this JVM (a resident engine, a Jenkins agent running several builds) ask for
 * at the same time: made under one hold of nginx's lock, with one test and one reload for all of them (group commit),
 * instead of one hold, test and reload each while the others wait. A command queues its change; the first to find no
 * leader leads: it takes the lock and makes every change queued by then, and hands the lead to the next one queued
 * after that. The others wait until theirs is made. Processes still take the lock one after the other, as before.
 *
 * <p>A command that will likely change nginx soon says so ({@link #announce}): a switch, from before its lock to its
 * change (a few hundred ms, or up to the lock's patience while another command of the app holds it). A leader first waits for the changes announced by then (at most {@link #GATHER}, and only
 * for an announcement younger than {@link #ANNOUNCED_FOR}), so that commands started together share one reload instead
 * of one reloading alone while the others queue for the next. Alone, nobody waits.
 */
final class ChangeGroup {
    private static final ConcurrentHashMap<String, ChangeGroup> GROUPS = new ConcurrentHashMap<>();

    /** One command's change to its app's include, and how it ended. */
    static final class Change {
        final NginxRouter router;
        final String next;
        final boolean completeIfCut;
        final String step;
        /** How many other changes its reload loaded with it. */
        volatile int others;
        /** What its command announced of it, taken back as it is queued; null when nothing was. */
        Coming announced;
        /** How long, in ms, its leader waited for changes announced to come (see {@link ChangeGroup#gather}). */
        volatile long gathered;
        private boolean taken;
        private boolean done;
        private boolean leads;
        private RuntimeException failure;

        Change(NginxRouter router, String next, boolean completeIfCut, String step) {
            this.router = router;
            this.next = next;
            this.completeIfCut = completeIfCut;
            this.step = step;
        }

        /** Runs {@code work} as this change, and ends it with its outcome. */
        void make(Runnable work) {
            try {
                work.run();
                end(null);
            } catch (RuntimeException e) {
                end(e);
            }
        }

        /** Runs {@code work} as a step of this change: true when it went through; else the change ended failed. */
        boolean attempt(Runnable work) {
            try {
                work.run();
                return true;
            } catch (RuntimeException e) {
                end(e);
                return false;
            }
        }

        void end(RuntimeException failure) {
            synchronized (this) {
                if (done) {
                    return;
                }
                this.failure = failure;
                done = true;
            }
        }

        synchronized boolean done() {
            return done;
        }

        synchronized boolean failed() {
            return done && failure != null;
        }
    }

    /** How long a leader waits at most for the changes announced to it. */
    static final Duration GATHER = Duration.ofMillis(400);
    /**
     * How long an announcement holds a leader: a switch whose gate or start takes longer comes alone (and one that ended
     * without taking its announcement back, by an error, holds nobody for longer).
     */
    static final Duration ANNOUNCED_FOR = Duration.ofSeconds(3);

    /** A change one command said it will likely ask for soon; taken back by {@link #close}, or by the change itself. */
    final class Coming implements AutoCloseable {
        private final long at = System.nanoTime();
        /** Its app: a change of that app already queued holds its lock, so this one comes only after it. */
        private final String app;

        private Coming(String app) {
            this.app = app;
        }

        @Override
        public void close() {
            synchronized (ChangeGroup.this) {
                if (coming.remove(this)) {
                    ChangeGroup.this.notifyAll();
                }
            }
        }
    }

    private final ArrayDeque<Change> queue = new ArrayDeque<>();
    private final Set<Coming> coming = new HashSet<>();
    private boolean led;
    private boolean gathering;
    private long gather = GATHER.toNanos();
    private long announcedFor = ANNOUNCED_FOR.toNanos();

    private ChangeGroup() {}

    /** Other bounds than {@link #GATHER} and {@link #ANNOUNCED_FOR} (for tests, where a loaded machine must not decide). */
    synchronized void bounds(Duration gather, Duration announcedFor) {
        this.gather = gather.toNanos();
        this.announcedFor = announcedFor.toNanos();
    }

    /** Says that a change will likely come soon; the caller closes it when it will not after all. */
    synchronized Coming announce(String app) {
        long now = System.nanoTime();
        coming.removeIf(c -> now - c.at > announcedFor); // left by a command that ended without closing it
        Coming c = new Coming(app);
        coming.add(c);
        return c;
    }

    /** How many announced changes are still awaited (for tests). */
    synchronized int announced() {
        return coming.size();
    }

    /** Whether a leader waits for announced changes now (for tests). */
    synchronized boolean gathering() {
        return gathering;
    }

    /** How many changes wait for a leader to take them (for tests). */
    synchronized int waiting() {
        return queue.size();
    }

    /** The group of the nginx that {@code key} names (its include directory, or its container on its engine). */
    static ChangeGroup of(String key) {
        return GROUPS.computeIfAbsent(key, k -> new ChangeGroup());
    }

    /**
     * Makes {@code mine}, leading a group or waiting in one; throws what it failed with. An interrupt while it waits
     * for a turn withdraws it (nothing changed); once a leader took it, it waits for its outcome, and the interrupt is
     * kept for afterwards.
     */
    void make(Change mine) {
        long arrived = System.nanoTime();
        boolean interrupted = false;
        synchronized (this) {
            queue.add(mine);
            if (mine.announced != null && coming.remove(mine.announced)) {
                notifyAll(); // in the same step as it is queued, so that a leader waiting for it takes it along
            }
            mine.leads = !led;
            led = true;
            while (!mine.leads && !mine.done()) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                    if (!mine.taken && !mine.leads) {
                        queue.remove(mine);
                        mine.end(new RouterException("stopped on request while waiting for another change to nginx to finish; "
                                + "nothing was changed"));
                    }
                }
            }
        }
        try {
            if (!mine.done()) {
                if (!interrupted) {
                    interrupted = gather(mine, arrived);
                }
                lead(mine);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    /**
     * As the leader, waits until every change announced less than {@link #ANNOUNCED_FOR} ago has been asked for (or taken
     * back), at most {@link #GATHER} from its own change's arrival. An announcement of an app whose change is queued already
     * is not waited for: that change holds the app's lock, so the announced one comes after it. An interrupt ends the wait:
     * the changes queued by then go. True when interrupted.
     */
    private synchronized boolean gather(Change mine, long arrived) {
        long started = System.nanoTime();
        long until = arrived + gather;
        gathering = true;
        boolean waited = false;
        try {
            while (true) {
                long now = System.nanoTime();
                java.util.Set<String> queued = new HashSet<>();
                queue.forEach(c -> queued.add(c.router.spec.app()));
                long awaited = coming.stream().filter(c -> !queued.contains(c.app)).mapToLong(c -> c.at + announcedFor - now)
                        .max().orElse(0); // from now on: not above 0 once all are old
                long left = Math.min(until - now, awaited);
                if (left <= 0) {
                    return false;
                }
                waited = true;
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    return true;
                }
            }
        } finally {
            gathering = false;
            mine.gathered = waited ? Math.max(1, (System.nanoTime() - started) / 1_000_000) : 0;
        }
    }

    /** Under nginx's lock, makes every change queued by then (its own among them), then hands the lead on. */
    private void lead(Change mine) {
        List<Change> taken = new ArrayList<>();
        try {
            mine.router.serialized(() -> {
                synchronized (this) {
                    for (Change c : queue) {
                        c.taken = true;
                        taken.add(c);
                    }
                    queue.clear();
                }
                mine.router.makeAll(taken);
            });
        } catch (RuntimeException e) {
            // The lock was not taken (nothing was changed), or making the group ended early: what is still open fails with it.
            synchronized (this) {
                queue.remove(mine);
            }
            mine.end(e);
            taken.forEach(c -> c.end(e));
        } catch (Error e) {
            // How far it got is unknown: nginx may have reloaded.
            synchronized (this) {
                queue.remove(mine);
            }
            RouterException unknown = new RouterException("the change to nginx ended with " + e + "; nginx may have reloaded", e, true);
            mine.end(unknown);
            taken.forEach(c -> c.end(unknown));
            throw e;
        } finally {
            synchronized (this) {
                Change next = queue.peek();
                if (next == null) {
                    led = false;
                } else {
                    next.leads = true;
                }
                notifyAll();
            }
        }
    }
}
