package dev.protostar.core.engine;

import dev.protostar.core.Uninterrupted;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import dev.protostar.core.api.SwitchRequest;
import dev.protostar.core.docker.ColorContainer;
import dev.protostar.core.docker.Containers;
import dev.protostar.core.docker.DockerException;
import dev.protostar.core.docker.Images;
import dev.protostar.core.router.Route;
import dev.protostar.core.spec.Color;
import java.util.Optional;

/**
 * Moves traffic to the other color (rollback) or a named one, health-gated first so that a dead
 * color is never switched to. The color that was live stays running.
 */
final class Switch extends LockedCommand {
    private final SwitchRequest request;
    private Images.Image image;
    private Color target;
    private String restarted;

    Switch(Session session, SwitchRequest request) {
        super(session, request.owner());
        this.request = request;
    }

    @Override
    DeployResult underLock() {
        String to = request.to() == null ? "previous" : request.to();
        if ("previous".equals(to)) {
            if (live.isEmpty()) {
                return finish(Outcome.FAILED_BEFORE_SWITCH, Phase.DISCOVER, "nothing is live yet, so there is no previous color; deploy first", null);
            }
            target = live.get().color().other();
        } else {
            target = Color.parse(to); // checked by Engine.switchTo
        }
        if (live.isPresent() && live.get().color() == target && routedWhereItListens(live.get())) {
            s.timeline.info(target + " is already live; nothing to switch");
            String name = s.containers.find(s.spec, target).map(ColorContainer::imageName).orElse(live.get().image());
            // Nothing happened, so nothing goes into the history.
            return new DeployResult(s.spec.app(), "switch", Outcome.SUCCEEDED, target.word(), target.word(), name,
                    live.get().image(), s.timeline.millis(), s.timeline.orderedPhases(), null, null);
        }
        ColorContainer found = s.containers.find(s.spec, target).orElseThrow(() -> new StepFailed(
                "there is no " + s.spec.containerName(target) + " container to switch to; deploy a new version instead"));
        if (!found.running()) {
            restarted = found.id();
        }
        ColorContainer ready = found.running() ? found : s.timeline.run(Phase.BOOT, () -> s.containers.restart(s.spec, found));
        Images.Image resolved = s.images.resolve(ready.imageId());
        image = new Images.Image(resolved.id(), ready.imageName(), resolved.hasHealthcheck());
        Containers.Life gated = s.timeline.run(Phase.GATE, () -> new HealthGate(s.spec, s.containers, s.timeline, s.router.path())
                .await(ready, image.hasHealthcheck()));
        // nginx's backup is the other color, when it runs (also when the live color is only routed afresh).
        Route next = new Route(s.spec.app(), target, ready.endpoint(), s.backupFor(target), image.id(), Session.now(), s.id);
        ensureLockHeld();
        s.intend(new Intent("switch", s.id, request.owner(), target.word(), null, null));
        Optional<Promotion.Failure> failure = Promotion.run(s, next, live, gated);
        if (failure.isPresent() && failure.get().outcome() != Outcome.FAILED) {
            stopAgainIfRestarted(); // it was started only for this switch, which did not stick
        }
        return failure.map(f -> finish(f.outcome(), f.phase(), f.message(), f.detail()))
                .orElseGet(() -> finish(Outcome.SUCCEEDED, null, null, null));
    }

    /**
     * nginx routes to the addresses the colors listen on now. After a host restart Docker may give containers
     * other addresses; switching to the live color then routes it afresh (health-gated), which repairs it.
     */
    private boolean routedWhereItListens(Route r) {
        Optional<ColorContainer> c = s.containers.find(s.spec, r.color());
        if (c.isEmpty()) {
            s.timeline.warn(r.color() + " is live, but its container " + s.spec.containerName(r.color()) + " is gone");
            return false;
        }
        boolean fine = r.endpoint().equals(c.get().endpoint()) && java.util.Objects.equals(s.backupFor(r.color()), r.backup());
        if (!fine) {
            s.timeline.info(r.color() + " is live, but nginx's addresses for it are stale (" + r.endpoint()
                    + (r.backup() == null ? "" : ", backup " + r.backup()) + "): routing it afresh");
        }
        return fine;
    }

    /** A stopped color that was started only to be gated goes back to being stopped. */
    @Override
    DeployResult failedBeforeSwitch(String why, String detail) {
        stopAgainIfRestarted();
        return super.failedBeforeSwitch(why, detail);
    }

    /** Only the very container this switch started, and only while the lock is still ours. */
    private void stopAgainIfRestarted() {
        if (restarted == null || !lockStillHeld()) {
            return;
        }
        Uninterrupted.run(() -> {
            try {
                s.containers.find(s.spec, target).filter(ColorContainer::running).filter(c -> c.id().equals(restarted))
                        .ifPresent(s::drainAndStop);
            } catch (RuntimeException e) {
                s.timeline.warn("could not stop " + s.spec.containerName(target) + " again: " + describe(e));
            }
        });
    }

    @Override
    DeployResult finish(Outcome outcome, Phase failedPhase, String error, String detail) {
        Color before = live.map(Route::color).orElse(null);
        Color now = outcome == Outcome.SUCCEEDED ? target : before;
        return Records.finish(s, "switch", request.owner(), null, outcome, now, before, image, failedPhase, error, detail);
    }
}
