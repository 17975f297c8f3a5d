package dev.protostar.core.engine;

import dev.protostar.core.Uninterrupted;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import dev.protostar.core.docker.ColorContainers;
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

    /**
     * @param gated how the new color's container ran when its gate began: a crash or restart since then, found
     *     after verify, fails the promotion too (a version that crashes a few seconds after it answers)
     */
    static Optional<Failure> run(Session s, Route next, Optional<Route> previous, ColorContainers.Life gated) {
        String name = s.spec.containerName(next.color());
        Optional<ColorContainers.Life> before = life(s, name); // so a restart before the switch is not blamed on verify
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
        s.reach("switch.confirmed");
        String problem;
        try {
            problem = s.timeline.run(Phase.VERIFY, () -> s.cutover.verify(next, previous));
        } catch (RuntimeException e) {
            problem = LockedCommand.describe(e);
        }
        if (problem == null) {
            try {
                problem = s.containers.crashSince(name, gated).map(how -> name + " answered, but since its health gate began it " + how)
                        .orElse(null);
            } catch (RuntimeException e) {
                problem = "cannot tell whether " + name + " kept running: " + LockedCommand.describe(e);
            }
        }
        if (problem != null) {
            // Traffic goes back first; the new container is removed only after this returns, so its state and logs wait.
            Failure f = switchBack(s, previous, Phase.VERIFY, "verify through nginx failed: " + problem);
            Optional<String> stopped = before.flatMap(b -> crashedSince(s, name, b));
            String nextStep = stopped.isPresent() ? "Fix the app (its last log lines are below), then deploy again."
                    : "Check what answered (" + s.advice.status() + "), then deploy or switch again.";
            String logs = stopped.isPresent() ? "  last log lines of " + name + ":\n" + HealthGate.indent(s.containers.tail(name, 20)) : null;
            return Optional.of(new Failure(f.outcome(), f.phase(), f.message() + stopped.map(x -> "\n" + x).orElse("") + "\n" + nextStep,
                    logs));
        }
        return Optional.empty();
    }

    private static Optional<ColorContainers.Life> life(Session s, String name) {
        try {
            return s.containers.life(name);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether the container stopped, or Docker restarted it, since {@code before}: it crashed during verify. */
    private static Optional<String> crashedSince(Session s, String name, ColorContainers.Life before) {
        try {
            return s.containers.crashSince(name, before).map(how -> name + " stopped during verify: it " + how);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Failure switchBack(Session s, Optional<Route> previous, Phase phase, String why) {
        String target = previous.map(r -> r.color().word()).orElse("no route (first deploy)");
        s.timeline.warn(why + "; switching back to " + target);
        try {
            Uninterrupted.run(() -> s.cutover.restore(previous));
        } catch (RouterException.FencedOff e) {
            return new Failure(Outcome.FAILED, phase, why + "\nIt did not switch back: " + e.getMessage() + ". The command that took "
                    + "the lock over decides what serves now; " + s.advice.status() + " shows it.", null);
        } catch (RuntimeException e) {
            return new Failure(Outcome.FAILED, phase, why + "\nSwitching back to " + target + " ALSO failed: " + e.getMessage()
                    + "\nCheck nginx and run: " + s.advice.status(), null);
        }
        return new Failure(Outcome.SWITCHED_BACK, phase, why + "\nTraffic is back on " + target + ".", null);
    }
}
