package dev.protostar.core.router;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Changes to one nginx that commands of this JVM (a resident engine, a Jenkins agent running several builds) ask for
 * at the same time: made under one hold of nginx's lock, with one test and one reload for all of them (group commit),
 * instead of one hold, test and reload each while the others wait. A command queues its change; the first to find no
 * leader leads: it takes the lock and makes every change queued by then, and hands the lead to the next one queued
 * after that. The others wait until theirs is made. Processes still take the lock one after the other, as before.
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
    }

    private final ArrayDeque<Change> queue = new ArrayDeque<>();
    private boolean led;

    private ChangeGroup() {}

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
        boolean interrupted = false;
        synchronized (this) {
            queue.add(mine);
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
