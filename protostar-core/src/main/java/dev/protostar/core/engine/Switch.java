package dev.protostar.core.engine;

import dev.protostar.core.Uninterrupted;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import dev.protostar.core.api.SwitchRequest;
import dev.protostar.core.docker.ColorContainer;
import dev.protostar.core.docker.ColorContainers;
import dev.protostar.core.docker.DockerException;
import dev.protostar.core.docker.ImageStore;
import dev.protostar.core.router.Route;
import dev.protostar.core.spec.Color;
import java.util.Optional;

/**
 * Moves traffic to the other color (rollback) or a named one, health-gated first so that a dead
 * color is never switched to. The color that was live stays running.
 */
final class Switch implements LockedCommand.Work {
    private final Session s;
    private final SwitchRequest request;
    private Optional<Route> live = Optional.empty();
    private ImageStore.Image image;
    private Color target;
    private String restarted;
    /** The target asked for its health check while the lock is taken (see {@link #beforeLock}); null until then. */
    private AskedAhead ahead;

    Switch(Session session, SwitchRequest request) {
        this.s = session;
        this.request = request;
    }

    DeployResult run() {
        return LockedCommand.run(s, request.owner(), this);
    }

    /** Under a lock of its own, which names it; a lock it was handed (a switch across hosts) does not: it writes its intent. */
    @Override
    public boolean namedInItsLock() {
        return s.heldLock == null;
    }

    /** Asks the target for its health check while the lock is taken and the live route read ({@link AskedAhead}). */
    @Override
    public void beforeLock() {
        s.router.changeComing(); // other apps' changes to nginx in this process meanwhile wait for it a moment (one reload)
        ahead = AskedAhead.start(s, request.to() == null ? "previous" : request.to());
    }

    @Override
    public DeployResult underLock(Optional<Route> live) {
        this.live = live;
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
            s.router.changeNotComing();
            s.timeline.info(target + " is already live; nothing to switch");
            String name = s.containers.find(s.spec, target).map(ColorContainer::imageName).orElse(live.get().image());
            // Nothing happened, so nothing goes into the history.
            return new DeployResult(s.spec.app(), "switch", Outcome.SUCCEEDED, target.word(), target.word(), name,
                    live.get().image(), s.timeline.millis(), s.timeline.orderedPhases(), null, null);
        }
        ColorContainer found = s.containers.find(s.spec, target).orElseThrow(() -> new StepFailed(
                "there is no " + s.spec.containerName(target) + " container to switch to; deploy a new version instead"));
        if (found.running() && "unhealthy".equals(found.health()) && s.spec.health().dockerHealthcheck()) {
            throw unhealthy(found);
        }
        if (!found.running()) {
            restarted = found.id();
            s.router.changeNotComing(); // its start and gate take seconds: nobody waits for it
        }
        ColorContainer ready = found.running() ? found : s.timeline.run(Phase.BOOT, () -> s.containers.restart(s.spec, found));
        ImageStore.Image resolved = s.images.resolve(ready.imageId());
        image = new ImageStore.Image(resolved.id(), ready.imageName(), resolved.hasHealthcheck());
        ColorContainers.Life gated = s.timeline.run(Phase.GATE, () -> {
            HealthGate gate = new HealthGate(s.spec, s.containers, s.timeline, s.router.path(), s.clock)
                    .whenFailed("Traffic was not switched to it; fix it, or " + s.advice.deploy() + " brings up a new version");
            if (restarted == null) {
                if (ahead != null) {
                    ahead.of(ready).ifPresent(a -> gate.answered(a.response(), a.life()));
                }
                gate.warm();
            }
            return gate.await(ready, image.hasHealthcheck());
        });
        // nginx's backup is the other color, when it runs (also when the live color is only routed afresh).
        Route next = new Route(s.spec.app(), target, ready.endpoint(), s.backupFor(target), image.id(), Session.now(), s.id);
        s.ensureHeld();
        Intent intent = new Intent("switch", s.id, request.owner(), target.word(), null, null, gated.restarts(), gated.startedAt());
        if (namedInItsLock()) {
            s.leaveIfUnrecorded(intent); // no copy before the reload: the lock names this command, and a switch changes only the route
        } else {
            s.intendBeside(intent); // the router's reload waits for it
        }
        Optional<Promotion.Failure> failure = Promotion.run(s, next, live, gated);
        if (failure.isPresent() && failure.get().outcome() != Outcome.FAILED) {
            stopAgainIfRestarted(); // it was started only for this switch, which did not stick
        }
        return failure.map(f -> finish(f.outcome(), f.phase(), f.message(), f.detail()))
                .orElseGet(() -> finish(Outcome.SUCCEEDED, null, null, null));
    }

    /** A target Docker already calls unhealthy is not switched to: its HEALTHCHECK fails, whatever a probe would see. */
    private StepFailed unhealthy(ColorContainer c) {
        String log = s.containers.healthLog(c.name());
        return new StepFailed(c.name() + " runs, but Docker calls it unhealthy (the image's HEALTHCHECK fails in it), so traffic "
                + "was not switched to it; its health log is below (docker logs " + c.name() + " has more). Fix it, or "
                + s.advice.deploy() + " brings up a new version.",
                "  Docker health log of " + c.name() + ":\n" + (log.isEmpty() ? "    (empty)" : HealthGate.indent(log)));
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
    public void discardStarted() {
        stopAgainIfRestarted();
    }

    /** Only the very container this switch started, and only while the lock is still ours. */
    private void stopAgainIfRestarted() {
        if (restarted == null || !s.stillHeld()) {
            return;
        }
        Uninterrupted.run(() -> {
            try {
                s.containers.find(s.spec, target).filter(ColorContainer::running).filter(c -> c.id().equals(restarted))
                        .ifPresent(s::drainAndStop);
            } catch (RuntimeException e) {
                s.timeline.warn("could not stop " + s.spec.containerName(target) + " again: " + LockedCommand.describe(e));
            }
        });
    }

    @Override
    public DeployResult finish(Outcome outcome, Phase failedPhase, String error, String detail) {
        s.router.changeNotComing();
        Color before = live.map(Route::color).orElse(null);
        Color now = outcome == Outcome.SUCCEEDED ? target : before;
        boolean finished = outcome != Outcome.FAILED && s.stillHeld();
        if (finished) {
            s.doneWithRecord();
        } else if (outcome == Outcome.FAILED) {
            s.leaveUnrecordedNow(); // nginx may serve what verify failed: the next command looks again, as after a death
        }
        DeployResult r = Records.finish(s, "switch", request.owner(), null, outcome, now, before, image, failedPhase, error, detail);
        if (finished) {
            s.done();
        }
        return r;
    }
}
