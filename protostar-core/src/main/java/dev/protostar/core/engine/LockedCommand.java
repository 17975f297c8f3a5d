package dev.protostar.core.engine;

import dev.protostar.core.docker.DockerException;
import dev.protostar.core.router.Route;
import dev.protostar.core.router.RouterException;
import dev.protostar.core.state.DeployLock;
import dev.protostar.core.state.LockHeldException;
import java.util.Optional;

/**
 * A command that changes what is live: discover the live route, take the app's lock, read the
 * route again under it, and do the work. Everything after a switch handles its own failures, so
 * an error that escapes the work happened before any switch.
 */
abstract class LockedCommand {
    protected final Session s;
    private final String owner;
    protected Optional<Route> live = Optional.empty();

    LockedCommand(Session session, String owner) {
        this.s = session;
        this.owner = owner;
    }

    final DeployResult run() {
        try {
            live = s.timeline.run(Phase.DISCOVER, s::live);
            try (DeployLock lock = s.timeline.run(Phase.LOCK, () -> DeployLock.acquire(
                    s.spec.router().stateDir(), s.spec.app(), owner, s.spec.lockLease()))) {
                if (lock.tookOverFrom() != null) {
                    s.timeline.warn("took over the deploy lock from " + lock.tookOverFrom());
                }
                live = s.router.current(s.spec.app()); // again: another deploy may have finished meanwhile
                try {
                    return underLock();
                } catch (StepFailed | DockerException | RouterException | IllegalStateException e) {
                    return failedBeforeSwitch(e.getMessage());
                }
            }
        } catch (LockHeldException e) {
            return finish(Outcome.FAILED_BEFORE_SWITCH, Phase.LOCK, e.getMessage());
        } catch (DockerException | RouterException | IllegalStateException e) {
            return finish(Outcome.FAILED_BEFORE_SWITCH, s.timeline.current(), e.getMessage());
        }
    }

    abstract DeployResult underLock();

    /** Cleans up what the command started and reports that the live color kept serving. */
    DeployResult failedBeforeSwitch(String why) {
        return finish(Outcome.FAILED_BEFORE_SWITCH, s.timeline.current(),
                why + live.map(r -> "\n" + r.color() + " is still live and was never switched away from.").orElse(""));
    }

    abstract DeployResult finish(Outcome outcome, Phase failedPhase, String error);
}
