package dev.protostar.core.engine;

import dev.protostar.core.docker.ColorContainer;
import dev.protostar.core.docker.DockerException;
import dev.protostar.core.docker.Images;
import dev.protostar.core.docker.Labels;
import dev.protostar.core.router.Route;
import dev.protostar.core.router.RouterException;
import dev.protostar.core.spec.AppSpec;
import dev.protostar.core.spec.Color;
import dev.protostar.core.state.DeployLock;
import dev.protostar.core.state.LockHeldException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** build → boot the idle color → gate → switch → verify → retire the old color → record. */
final class Deploy {
    private static final Duration BUILD_DEADLINE = Duration.ofMinutes(30);

    private final Session s;
    private final DeployRequest request;
    private Optional<Route> live = Optional.empty();
    private Images.Image image;
    private ColorContainer booted;

    Deploy(Session session, DeployRequest request) {
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
            live = s.router.current(s.spec.app()); // again, under the lock: another deploy may have just finished
            return underLock();
        } catch (LockHeldException e) {
            return finish(Outcome.FAILED_BEFORE_SWITCH, Phase.LOCK, e.getMessage());
        }
    }

    private DeployResult underLock() {
        Color target = live.map(r -> r.color().other()).orElse(Color.BLUE);
        try {
            image = s.timeline.run(Phase.BUILD, this::image);
            checkNotInterrupted();
            booted = s.timeline.run(Phase.BOOT, () -> s.containers.boot(s.spec, target, image.id(), image.name(), labels()));
            s.timeline.info(booted.name() + " runs " + image.name() + " on " + booted.endpoint());
            s.timeline.run(Phase.GATE, () -> new HealthGate(s.spec, s.containers, s.timeline).await(booted, image.hasHealthcheck()));
            checkNotInterrupted();
        } catch (StepFailed | DockerException | RouterException e) {
            discardBooted();
            return finish(Outcome.FAILED_BEFORE_SWITCH, s.timeline.current(), e.getMessage()
                    + live.map(r -> "\n" + r.color() + " is still live and was never switched away from.").orElse(""));
        }
        Route next = new Route(s.spec.app(), target, booted.endpoint(), s.backupFor(live), image.id(), Session.now(), s.id);
        Optional<Promotion.Failure> failure = Promotion.run(s, next, live);
        if (failure.isPresent()) {
            Promotion.Failure f = failure.get();
            if (f.outcome() != Outcome.FAILED) {
                discardBooted();
            }
            return finish(f.outcome(), f.phase(), f.message());
        }
        s.timeline.run(Phase.RETIRE, () -> retire(next));
        return finish(Outcome.SUCCEEDED, null, null);
    }

    private Images.Image image() {
        if (request.image() != null) {
            Images.Image existing = s.images.resolve(request.image());
            s.timeline.info("deploying the existing image " + existing.name() + " (" + shortId(existing.id()) + ")");
            return existing;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.APP, s.spec.app());
        labels.put(Labels.DEPLOY, s.id);
        if (request.revision() != null) {
            labels.put(Labels.REVISION, request.revision());
        }
        Images.Image built = s.images.build(s.spec, s.id, labels, BUILD_DEADLINE, s.timeline::output);
        s.timeline.info("built " + built.name() + " (" + shortId(built.id()) + ")");
        return built;
    }

    private Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.DEPLOY, s.id);
        if (request.revision() != null) {
            labels.put(Labels.REVISION, request.revision());
        }
        return labels;
    }

    private void retire(Route next) {
        if (live.isEmpty()) {
            s.timeline.info("first deploy: nothing to retire");
            return;
        }
        Color old = live.get().color();
        AppSpec.Retire r = s.spec.retire();
        sleep(r.drain());
        if (r.keepWarm()) {
            s.timeline.info("drained " + old + " for " + dev.protostar.core.spec.Durations.words(r.drain())
                    + "; kept it running for an instant rollback (protostar switch --to previous)");
            return;
        }
        s.containers.stop(s.spec.containerName(old), r.stopTimeout());
        s.timeline.info("drained and stopped " + s.spec.containerName(old) + " (" + r.stopSignal() + ", up to "
                + r.stopTimeout().toSeconds() + " s)");
        s.router.apply(new Route(next.app(), next.color(), next.endpoint(), null, next.image(), next.since(), next.deployId()));
    }

    private void discardBooted() {
        if (booted == null) {
            return;
        }
        try {
            s.containers.remove(booted.name());
            s.timeline.info("removed " + booted.name());
        } catch (DockerException e) {
            s.timeline.warn("could not remove " + booted.name() + ": " + e.getMessage());
        }
    }

    private DeployResult finish(Outcome outcome, Phase failedPhase, String error) {
        Color before = live.map(Route::color).orElse(null);
        Color now = outcome == Outcome.SUCCEEDED ? booted.color() : before;
        return Records.finish(s, "deploy", request.owner(), request.revision(), outcome, now, before,
                image, failedPhase, error);
    }

    static String shortId(String id) {
        String hex = id.startsWith("sha256:") ? id.substring(7) : id;
        return hex.substring(0, Math.min(12, hex.length()));
    }

    private static void checkNotInterrupted() {
        if (Thread.interrupted()) { // cleared, so the clean-up calls that follow still run
            throw new StepFailed("stopped on request before the switch; nothing was switched");
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
