package dev.protostar.core.engine;

import dev.protostar.core.Uninterrupted;
import dev.protostar.core.router.Route;
import dev.protostar.core.router.RouterException;
import java.util.Optional;

/**
 * Switch, then verify through nginx; if either fails after nginx changed, traffic goes back to
 * the previous route. Shared by deploy and switch.
 */
final class Promotion {
    /** Why a promotion did not stick, and whether traffic ever moved. */
    record Failure(Outcome outcome, Phase phase, String message, String detail) {}

    private Promotion() {}

    static Optional<Failure> run(Session s, Route next, Optional<Route> previous) {
        try {
            s.timeline.run(Phase.SWITCH, () -> s.cutover.switchTo(next));
        } catch (RouterException e) {
            if (e.mayHaveReloaded()) {
                return Optional.of(switchBack(s, previous, Phase.SWITCH, e.getMessage()));
            }
            return Optional.of(new Failure(Outcome.FAILED_BEFORE_SWITCH, Phase.SWITCH, e.getMessage(), null));
        } catch (RuntimeException e) {
            return Optional.of(switchBack(s, previous, Phase.SWITCH, LockedCommand.describe(e)));
        }
        String problem;
        try {
            problem = s.timeline.run(Phase.VERIFY, () -> s.cutover.verify(next, previous));
        } catch (RuntimeException e) {
            problem = LockedCommand.describe(e);
        }
        if (problem != null) {
            Optional<String> stopped = stoppedDuringVerify(s, next);
            Failure f = switchBack(s, previous, Phase.VERIFY, "verify through nginx failed: " + problem
                    + stopped.map(x -> "\n" + x).orElse(""));
            String nextStep = stopped.isPresent() ? "Fix the app (its last log lines are below), then deploy again."
                    : "Check what answered (protostar status), then deploy or switch again.";
            String logs = stopped.isPresent() ? "  last log lines of " + s.spec.containerName(next.color()) + ":\n"
                    + HealthGate.indent(s.containers.tail(s.spec.containerName(next.color()), 20)) : null;
            return Optional.of(new Failure(f.outcome(), f.phase(), f.message() + "\n" + nextStep, logs));
        }
        return Optional.empty();
    }

    /** Whether the new color's container stopped (crashed) while verify ran, and how. */
    private static Optional<String> stoppedDuringVerify(Session s, Route next) {
        try {
            String name = s.spec.containerName(next.color());
            return s.containers.crash(name).map(how -> name + " stopped during verify: it " + how);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Failure switchBack(Session s, Optional<Route> previous, Phase phase, String why) {
        String target = previous.map(r -> r.color().word()).orElse("no route (first deploy)");
        s.timeline.warn(why + "; switching back to " + target);
        try {
            Uninterrupted.run(() -> s.cutover.restore(previous));
        } catch (RuntimeException e) {
            return new Failure(Outcome.FAILED, phase, why + "\nSwitching back to " + target + " ALSO failed: " + e.getMessage()
                    + "\nCheck nginx and run: protostar status", null);
        }
        return new Failure(Outcome.SWITCHED_BACK, phase, why + "\nTraffic is back on " + target + ".", null);
    }
}
