package dev.protostar.core.engine;

import dev.protostar.core.api.Advice;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import dev.protostar.core.router.Route;
import dev.protostar.core.state.AppLock;
import dev.protostar.core.state.LockHeldException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Runs a command that changes what is live: take the app's lock, read the live route from the host
 * (finishing or undoing what a dead holder left), and hand it to the command's {@link Work}. Everything
 * after a switch handles its own failures, so an error that escapes the work happened before any switch.
 */
final class LockedCommand {
    /** What a command does around and under its app's lock. */
    interface Work {
        /** Starts work that changes nothing anyone serves (a build), so it runs while the lock is taken. */
        default void beforeLock() {}

        /**
         * Whether its lock names the command, which then writes no intent of its own before it acts (a switch): whoever
         * takes the lock over from it knows what it was.
         */
        default boolean namedInItsLock() {
            return false;
        }

        /** The change itself, once the lock is held and the live route read. */
        DeployResult underLock(Optional<Route> live);

        /** Removes what the work started, after an error ended it before any switch. */
        default void discardStarted() {}

        /**
         * Records the command's end and builds its result.
         *
         * @param detail output that helps but may hold secrets (container logs): shown, not kept in the history
         */
        DeployResult finish(Outcome outcome, Phase failedPhase, String error, String detail);
    }

    private LockedCommand() {}

    static DeployResult run(Session s, String owner, Work work) {
        boolean ownLock = s.heldLock == null;
        work.beforeLock();
        AppLock lock;
        try {
            lock = ownLock ? s.timeline.run(Phase.LOCK, () -> s.locks.take(s.spec.app(), owner, s.spec.lockLease(),
                    work.namedInItsLock() ? s.id : null))
                    : s.heldLock;
        } catch (RuntimeException e) {
            return work.finish(Outcome.FAILED_BEFORE_SWITCH, Phase.LOCK, lockProblem(e, s.advice), null);
        }
        Optional<Route> live = Optional.empty();
        try {
            if (lock.tookOverFrom() != null) {
                s.timeline.warn("took over the deploy lock from " + lock.tookOverFrom());
            }
            s.hold(lock, owner);
            if (ownLock) {
                s.journal().heldUnder(lock.mark());
                s.router.heldUnder(lock.mark());
            }
            AppLock held = lock;
            // Under the lock, so no other deploy of this app is mid-switch while the truth is read.
            live = s.timeline.run(Phase.DISCOVER, () -> {
                // The journal is one copy out of the engine: it is read beside the live route (nginx's include, an answer
                // through nginx, the containers), which it does not touch. Taken over from a switch, which kept its intent
                // in its lock, it is read first: that intent goes into it before anything else, so that it outlives this
                // command too.
                boolean fromASwitch = held.takenOver() != null && held.takenOver().command() != null;
                CompletableFuture<Optional<String>> journal = fromASwitch ? CompletableFuture.completedFuture(writtenDown(s, held))
                        : CompletableFuture.supplyAsync(() -> s.journal().read(), LockedCommand::beside);
                Optional<Route> found;
                try {
                    found = s.live();
                } catch (RuntimeException e) {
                    awaitQuietly(journal); // the state it reads is the command's until the end: no copy still under way then
                    throw e;
                }
                Optional<String> left = await(journal);
                if (left.isEmpty()) {
                    return found;
                }
                Optional<Route> now = Recovery.of(s, left.get()).run(found);
                s.journal().clear(); // finished or undone: only now may it go
                return now;
            });
            SwitchHooks.removeLeftBehind(s);
            s.router.endPreview(live).ifPresent(previewed -> s.timeline.warn("ended nginx's preview of " + previewed
                    + ", left by a deploy that did not finish (only the engine's requests reached it)"));
            return work.underLock(live);
        } catch (StepFailed e) {
            return failedBeforeSwitch(s, work, live, e.getMessage(), e.detail());
        } catch (RuntimeException e) {
            return failedBeforeSwitch(s, work, live, describe(e), null);
        } finally {
            if (ownLock && s.endsBehind()) {
                AppLock mine = lock;
                s.endAfterAnswer(recorded -> {
                    if (recorded) { // else the next command reads the state afresh
                        keepForNext(s);
                    }
                    mine.close();
                });
            } else {
                try {
                    s.intentWritten(); // an intent still on its way lands before the lock goes, never into the next holder's turn
                    if (ownLock) {
                        keepForNext(s);
                        lock.close();
                    }
                } catch (RuntimeException e) {
                    s.timeline.warn(notReleased(e, owner, s.advice));
                }
            }
        }
    }

    /** The journal, with the intent of the switch whose lock this was written into it first when it had none. */
    private static Optional<String> writtenDown(Session s, AppLock held) {
        Optional<String> left = s.journal().read();
        if (left.isPresent()) {
            return left;
        }
        Optional<String> fromLock = Recovery.leftInTheLock(held.takenOver());
        fromLock.ifPresent(s.journal()::write);
        return fromLock;
    }

    /** What the command saw and wrote, for the next command of this process; never at the cost of releasing the lock. */
    private static void keepForNext(Session s) {
        try {
            s.journal().keepForNext();
            s.router.keepForNext();
        } catch (RuntimeException e) {
            // the next command copies the state out of the engine, as without it
        }
    }

    private static void beside(Runnable work) {
        Thread t = new Thread(work, "protostar-discover");
        t.setDaemon(true);
        t.start();
    }

    /** Its result, waited for through interrupts (a copy bounded by the engine's deadline), which stay set for afterwards. */
    private static <T> T await(CompletableFuture<T> work) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return work.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void awaitQuietly(CompletableFuture<?> work) {
        try {
            await(work);
        } catch (RuntimeException | Error ignored) {
            // the error that ended the discovery is the one to report
        }
    }

    /** Cleans up what the command started and reports that the live color kept serving. */
    private static DeployResult failedBeforeSwitch(Session s, Work work, Optional<Route> live, String why, String detail) {
        // Read before the clean-up: stopping a build that runs aside ends its phase failed too, but it did not fail the command.
        Phase phase = s.timeline.failedPhase();
        work.discardStarted();
        // With several hosts, earlier hosts may have served the new color until they were switched back: this is about one host.
        String here = s.oneOfSeveralHosts == null ? "" : " on " + s.oneOfSeveralHosts;
        return work.finish(Outcome.FAILED_BEFORE_SWITCH, phase,
                why + live.map(r -> "\n" + r.color() + " is still live" + here + " and was never switched away from"
                        + (here.isEmpty() ? "." : " there.")).orElse(""), detail);
    }

    /** Why the lock could not be taken; for a held lock, with the caller's words for releasing a dead deploy's. */
    static String lockProblem(RuntimeException e, Advice advice) {
        if (e instanceof LockHeldException held) {
            return held.getMessage() + " (or release it: " + advice.releaseLock(held.owner()) + ").";
        }
        return describe(e);
    }

    /** A lock that stays after its command ended, and how to free it sooner. */
    static String notReleased(RuntimeException e, String owner, Advice advice) {
        return "could not release the deploy lock: " + describe(e) + "; once the engine answers, " + advice.releaseLock(owner)
                + " frees it sooner";
    }

    static String describe(RuntimeException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName() + " (a bug in protostar; please report it)";
    }
}
