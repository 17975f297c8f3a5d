package dev.protostar.core.engine;

import dev.protostar.core.docker.ColorContainer;
import dev.protostar.core.docker.DockerException;
import dev.protostar.core.docker.Images;
import dev.protostar.core.router.Route;
import dev.protostar.core.router.RouterException;
import dev.protostar.core.spec.Color;
import dev.protostar.core.state.DeployLock;
import dev.protostar.core.state.LockHeldException;
import java.util.Optional;

/**
 * Moves traffic to the other color (rollback) or a named one, health-gated first so that a dead
 * color is never switched to. The color that was live stays running.
 */
final class Switch {
    private final Session s;
    private final SwitchRequest request;
    private Optional<Route> live = Optional.empty();
    private Images.Image image;
    private Color target;

    Switch(Session session, SwitchRequest request) {
        this.s = session;
        this.request = request;
    }

    DeployResult run() {
        live = s.timeline.run(Phase.DISCOVER, s::live);
        try (DeployLock lock = s.timeline.run(Phase.LOCK, () -> DeployLock.acquire(
                s.spec.router().stateDir(), s.spec.app(), request.owner(), s.spec.lockLease()))) {
            if (lock.tookOverFrom() != null) {
                s.timeline.warn("took over the deploy lock from " + lock.tookOverFrom());
            }
            live = s.router.current(s.spec.app());
            return underLock();
        } catch (LockHeldException e) {
            return finish(Outcome.FAILED_BEFORE_SWITCH, Phase.LOCK, e.getMessage());
        }
    }

    private DeployResult underLock() {
        String to = request.to() == null ? "previous" : request.to();
        if ("previous".equals(to)) {
            if (live.isEmpty()) {
                return finish(Outcome.FAILED_BEFORE_SWITCH, Phase.DISCOVER, "nothing is live yet, so there is no previous color; deploy first");
            }
            target = live.get().color().other();
        } else {
            try {
                target = Color.parse(to);
            } catch (IllegalArgumentException e) {
                return finish(Outcome.FAILED_BEFORE_SWITCH, Phase.DISCOVER, "to: must be previous, blue or green, got \"" + to + "\"");
            }
        }
        if (live.isPresent() && live.get().color() == target) {
            s.timeline.info(target + " is already live; nothing to switch");
            image = s.images.resolve(live.get().image());
            return finish(Outcome.SUCCEEDED, null, null);
        }
        ColorContainer ready;
        try {
            ColorContainer found = s.containers.find(s.spec, target).orElseThrow(() -> new StepFailed(
                    "there is no " + s.spec.containerName(target) + " container to switch to; deploy a new version instead"));
            ColorContainer c = found.running() ? found : s.timeline.run(Phase.BOOT, () -> s.containers.restart(s.spec, found));
            image = s.images.resolve(c.imageId());
            image = new Images.Image(image.id(), c.imageName(), image.hasHealthcheck());
            s.timeline.run(Phase.GATE, () -> new HealthGate(s.spec, s.containers, s.timeline).await(c, image.hasHealthcheck()));
            ready = c;
        } catch (StepFailed | DockerException | RouterException e) {
            return finish(Outcome.FAILED_BEFORE_SWITCH, s.timeline.current(), e.getMessage()
                    + live.map(r -> "\n" + r.color() + " is still live.").orElse(""));
        }
        Route next = new Route(s.spec.app(), target, ready.endpoint(), s.backupFor(live), image.id(), Session.now(), s.id);
        Optional<Promotion.Failure> failure = Promotion.run(s, next, live);
        return failure.map(f -> finish(f.outcome(), f.phase(), f.message())).orElseGet(() -> finish(Outcome.SUCCEEDED, null, null));
    }

    private DeployResult finish(Outcome outcome, Phase failedPhase, String error) {
        Color before = live.map(Route::color).orElse(null);
        Color now = outcome == Outcome.SUCCEEDED ? target : before;
        return Records.finish(s, "switch", request.owner(), null, outcome, now, before, image, failedPhase, error);
    }
}
