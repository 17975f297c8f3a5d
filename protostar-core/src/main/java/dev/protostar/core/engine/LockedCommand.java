package dev.protostar.core.engine;

import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import dev.protostar.core.router.Route;
import dev.protostar.core.state.EngineLock;
import dev.protostar.core.state.LockHeldException;
import java.util.Optional;

/**
 * A command that changes what is live: take the app's lock, read the live route from the host,
 * and do the work. Everything after a switch handles its own failures, so
 * an error that escapes the work happened before any switch.
 */
abstract class LockedCommand {
    protected final Session s;
    private final String owner;
    protected Optional<Route> live = Optional.empty();
    private EngineLock lock;

    LockedCommand(Session session, String owner) {
        this.s = session;
        this.owner = owner;
    }

    final DeployResult run() {
        boolean ownLock = s.heldLock == null;
        beforeLock();
        try {
            lock = ownLock ? s.timeline.run(Phase.LOCK, () -> EngineLock.acquire(s.docker, s.spec.app(), owner, s.spec.lockLease()))
                    : s.heldLock;
        } catch (LockHeldException e) {
            return finish(Outcome.FAILED_BEFORE_SWITCH, Phase.LOCK, e.getMessage(), null);
        } catch (RuntimeException e) {
            return finish(Outcome.FAILED_BEFORE_SWITCH, Phase.LOCK, describe(e), null);
        }
        try {
            if (lock.tookOverFrom() != null) {
                s.timeline.warn("took over the deploy lock from " + lock.tookOverFrom());
            }
            s.hold(lock, owner);
            // Under the lock, so no other deploy of this app is mid-switch while the truth is read.
            live = s.timeline.run(Phase.DISCOVER, () -> {
                Optional<Route> found = s.live();
                return Recovery.of(s, lock.takeInherited()).run(found);
            });
            return underLock();
        } catch (StepFailed e) {
            return failedBeforeSwitch(e.getMessage(), e.detail());
        } catch (RuntimeException e) {
            return failedBeforeSwitch(describe(e), null);
        } finally {
            try {
                if (ownLock) {
                    lock.close();
                }
            } catch (RuntimeException e) {
                s.timeline.warn("could not release the deploy lock: " + e.getMessage());
            }
        }
    }

    /** Starts work that changes nothing anyone serves (a build), so it runs while the lock is taken. */
    void beforeLock() {}

    abstract DeployResult underLock();

    boolean lockStillHeld() {
        return lock == null || lock.stillHeld();
    }

    /** Right before the switch: a deploy whose lock lapsed or was released by force must not switch. */
    void ensureLockHeld() {
        if (!lockStillHeld()) {
            throw new StepFailed("this deploy no longer holds the lock of " + s.spec.app()
                    + " (released by force, or taken over after its lease lapsed), so it stops before the switch");
        }
    }

    /** Cleans up what the command started and reports that the live color kept serving. */
    DeployResult failedBeforeSwitch(String why, String detail) {
        return finish(Outcome.FAILED_BEFORE_SWITCH, s.timeline.current(),
                why + live.map(r -> "\n" + r.color() + " is still live and was never switched away from.").orElse(""), detail);
    }

    /**
     * @param detail output that helps but may hold secrets (container logs): shown, not kept in the history
     */
    abstract DeployResult finish(Outcome outcome, Phase failedPhase, String error, String detail);

    static String describe(RuntimeException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName() + " (a bug in protostar; please report it)";
    }
}
