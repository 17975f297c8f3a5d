package dev.protostar.core.engine;

import dev.protostar.core.Uninterrupted;
import dev.protostar.core.api.DeployRequest;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import dev.protostar.core.docker.ColorContainer;
import dev.protostar.core.docker.ColorContainers;
import dev.protostar.core.docker.DockerException;
import dev.protostar.core.docker.ImageStore;
import dev.protostar.core.docker.Labels;
import dev.protostar.core.router.Route;
import dev.protostar.core.spec.AppSpec;
import dev.protostar.core.spec.Color;
import dev.protostar.core.spec.Hooks;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** build → boot the idle color → gate → beforeSwitch hooks → switch → verify → afterSwitch hooks → retire the old color → record. */
final class Deploy implements LockedCommand.Work {
    /** What a replaced container is renamed to while it drains: {@code <app>-<color>-retiring-<deploy id>}. */
    static final String ASIDE = "-retiring-";
    /** What a new container is called while it is gated: {@code <app>-<color>-next-<deploy id>}. */
    static final String NEXT = "-next-";
    private final Session s;
    private final DeployRequest request;
    private Optional<Route> live = Optional.empty();
    private ImageStore.Image image;
    private ColorContainer booted;
    private Color bootColor;
    private String bootedName; // the container this deploy started, under the name it has now
    private ColorContainer setAside; // the idle color's container, renamed aside while the new one takes its name
    private boolean leftForNext; // clean-up failed: the intent stays on the engine for the next command
    private Thread retiring; // the container being replaced, drained and stopped while the new one boots
    private int retiringCount;
    private List<String> leftovers = List.of(); // containers dead deploys set aside or started, retired after a good switch
    private FutureTask<ImageStore.Image> building; // the image, built while the lock is taken and the live route read
    private Thread builder;
    private final ImagePin pin; // the image the request names, or the one built and pushed for every host
    private final RollbackTarget rollback; // null for a deploy

    Deploy(Session session, DeployRequest request, ImagePin pin) {
        this(session, request, pin, null);
    }

    /**
     * A rollback: the cutover of a deploy, to the image of {@code rollback} (never built, pinned by {@code pin} as its
     * history entry recorded it), recorded as a rollback.
     */
    Deploy(Session session, DeployRequest request, ImagePin pin, RollbackTarget rollback) {
        this.s = session;
        this.request = request;
        this.pin = pin;
        this.rollback = rollback;
    }

    private String action() {
        return rollback == null ? "deploy" : "rollback";
    }

    DeployResult run() {
        return LockedCommand.run(s, request.owner(), this);
    }

    @Override
    public void discardStarted() {
        discardBooted();
    }

    @Override
    public DeployResult underLock(Optional<Route> live) {
        this.live = live;
        List<String> leftovers = leftAsideByDeadDeploys();
        if (live.isPresent() && s.containers.find(s.spec, live.get().color()).filter(ColorContainer::running).isEmpty()) {
            // nginx falls back to its backup: replacing that would take down what serves.
            Color dead = live.get().color();
            if (s.containers.find(s.spec, dead.other()).filter(ColorContainer::running).isPresent()) {
                throw new StepFailed("nginx routes " + s.spec.app() + " to " + dead + ", but " + s.spec.containerName(dead)
                        + " is not running, so its backup " + dead.other() + " serves everything. Nothing was changed. Run "
                        + s.advice.switchTo(dead.other().word()) + " first (health-gated), then deploy.");
            }
            Optional<ColorContainer> servingAside = runningLeftover(leftovers, live.get().backup());
            if (servingAside.isPresent()) {
                throw new StepFailed("nginx routes " + s.spec.app() + " to " + dead + ", but " + s.spec.containerName(dead)
                        + " is not running, so its backup " + servingAside.get().name() + " (set aside by a deploy that never "
                        + "finished) serves everything. Nothing was changed. Start " + s.spec.containerName(dead)
                        + " again (docker start " + s.spec.containerName(dead) + "), then deploy.");
            }
        }
        Color target = live.map(r -> r.color().other()).orElseGet(this::firstColor);
        image = awaitImage();
        checkNotInterrupted();
        String bootName = s.spec.containerName(target) + NEXT + s.id;
        this.leftovers = leftovers;
        booted = s.timeline.run(Phase.BOOT, () -> {
            // Under a name of its own while it is gated: the idle color's container, the instant rollback, stays as it is
            // until the new one has passed.
            bootColor = target; // from here on a failure removes it, even half-created
            bootedName = bootName;
            return s.containers.boot(s.spec, target, bootName, image.id(), image.name(), labels());
        });
        s.timeline.info(booted.name() + " runs " + image.name() + " on " + booted.endpoint());
        s.reach("deploy.booted");
        String aside = s.spec.containerName(target) + ASIDE + s.id;
        ColorContainers.Life gated = s.timeline.run(Phase.GATE, () -> new HealthGate(s.spec, s.containers, s.timeline, s.router.path(), s.clock)
                .whenBegun(began -> s.intendBeside(new Intent(action(), s.id, request.owner(), target.word(), booted.name(), aside,
                        began.restarts(), began.startedAt())))
                .await(booted, image.hasHealthcheck()));
        checkNotInterrupted();
        SwitchHooks hooks = new SwitchHooks(s, image.id(), image.name(), target);
        // The idle color's container, the instant rollback, is still untouched.
        hooks.beforeSwitch(live, booted.endpoint(), rollback != null);
        if (rollback != null && s.spec.hooks().beforeSwitch().stream().anyMatch(h -> !(h instanceof Hooks.Smoke))) {
            // An older image's migrations would meet the newer schema (Alembic refuses a revision it does not know): under
            // expand/contract the older version works with the schema as it is, so a rollback leaves it alone.
            s.timeline.info("a rollback runs no beforeSwitch command: the database keeps the schema the newer version left");
        }
        checkNotInterrupted();
        s.ensureHeld();
        takeName(target, aside);
        Route next = new Route(s.spec.app(), target, booted.endpoint(), live.isPresent() ? s.backupFor(target) : null, image.id(), Session.now(), s.id);
        Optional<Promotion.Failure> failure = Promotion.run(s, next, live, gated);
        if (failure.isPresent()) {
            Promotion.Failure f = failure.get();
            boolean stopped = f.outcome() != Outcome.SWITCHED_BACK || s.stillHeld() && Uninterrupted.get(() -> {
                try {
                    return s.drainAndStop(booted); // it took traffic since the reload
                } catch (RuntimeException e) {
                    s.timeline.warn("could not stop " + booted.name() + ": " + LockedCommand.describe(e));
                    return false;
                }
            });
            if (f.outcome() != Outcome.FAILED && stopped) {
                discardBooted();
            }
            return finish(f.outcome(), f.phase(), f.message(), f.detail());
        }
        List<String> afterSwitch = hooks.afterSwitch();
        try {
            s.timeline.run(Phase.RETIRE, () -> {
                retire(next);
                awaitRetiring(); // the replaced container's drain, begun beside the boot: the command waits for it, so its line shows it
            });
        } catch (RuntimeException e) {
            s.timeline.warn("the new color is live, but retiring the old one failed: " + LockedCommand.describe(e));
        }
        // Kept in the history with the deploy, which succeeded: the switch stands.
        return finish(Outcome.SUCCEEDED, null, afterSwitch.isEmpty() ? null
                : "the switch stands, but " + afterSwitch.size() + " afterSwitch hook(s) failed: " + String.join("; ", afterSwitch), null);
    }

    /**
     * The gated container takes its color's name; the idle color's container steps aside under another one
     * (it may still be nginx's backup, so it keeps running until the new color has held up through verify).
     * The intent, written beside the gate, must be on the engine first: whoever takes the lock over from a deploy that
     * died here puts it back.
     */
    private void takeName(Color target, String aside) {
        String name = s.spec.containerName(target);
        Optional<ColorContainer> idle = s.containers.find(s.spec, target);
        s.awaitIntent();
        s.reach("deploy.intended");
        if (idle.isPresent()) {
            try {
                s.containers.rename(idle.get().id(), aside);
                setAside = idle.get();
            } catch (DockerException e) {
                if (idle.get().running() && !"restarting".equals(idle.get().state())) {
                    throw new StepFailed("cannot set " + name + " aside to make room for the new version: " + e.getMessage()
                            + ". Nothing was switched; " + name + " keeps running.");
                }
                // A crash-looping or dead container Docker cannot rename is no rollback target: it goes.
                s.containers.remove(idle.get().id());
                s.timeline.warn("removed " + name + " (" + idle.get().state() + "), which Docker could not set aside");
            }
        }
        s.reach("deploy.asideRenamed");
        s.containers.rename(booted.id(), name);
        bootedName = name;
        booted = s.containers.named(s.spec, name, target).orElseThrow(() -> new StepFailed(name + " vanished right after it was renamed"));
        s.reach("deploy.renamed");
    }

    /** The build changes nothing that serves, so it runs beside the lock and discover phases (tool overhead). */
    @Override
    public void beforeLock() {
        building = new FutureTask<>(() -> s.timeline.runAside(Phase.BUILD, this::image));
        builder = new Thread(building, "protostar-build-" + s.spec.app());
        builder.setDaemon(true);
        builder.start();
    }

    private ImageStore.Image awaitImage() {
        try {
            return building.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            s.timeline.enter(Phase.BUILD);
            throw new StepFailed("stopped on request during the build; nothing was switched");
        } catch (ExecutionException e) {
            s.timeline.enter(Phase.BUILD);
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** A command that ends before it used the image stops the build; a build that finished for nothing is removed. */
    private void stopBuilding() {
        if (builder == null) {
            return;
        }
        builder.interrupt();
        Uninterrupted.run(() -> {
            try {
                builder.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        builder = null;
        if (image == null && !pin.has() && building.isDone() && !building.isCancelled()) {
            try {
                s.images.remove(building.get().id());
            } catch (ExecutionException | InterruptedException | RuntimeException e) {
                // the build failed, or its image stays for the next prune: nothing serves it either way
            }
        }
    }

    private ImageStore.Image image() {
        if (pin.has()) {
            ImageStore.Image one = pin.on(s.spec, s.engine, s.images, s.timeline);
            if (rollback != null) {
                s.timeline.info(Phase.BUILD, "rolling back to " + rollback.how() + ": " + one.name() + " (" + shortId(one.id()) + "), no build");
            }
            return one;
        }
        Map<String, String> labels = labels();
        labels.put(Labels.APP, s.spec.app());
        ImageStore.Image built = s.images.build(s.spec, s.id, labels, s.spec.build().timeout(), line -> s.timeline.output(Phase.BUILD, line));
        s.timeline.info(Phase.BUILD, "built " + built.name() + " (" + shortId(built.id()) + ")");
        return s.spec.build().push() ? ImagePin.push(s.spec, built, new ImagePin.OnHost(s.engine, s.images), request::variable, s.timeline)
                : built;
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
        if (s.stillHeld()) {
            // Beside the rest of the retire; old images go once the containers set aside (which use them) are gone.
            retireAside(Optional.ofNullable(setAside), leftovers);
        }
        if (live.isEmpty()) {
            s.timeline.info("first deploy: nothing to retire");
            return;
        }
        Color old = live.get().color();
        AppSpec.Retire r = s.spec.retire();
        if (r.keepWarm()) {
            // It stays nginx's backup and keeps serving whatever old workers still send it: nothing to wait for.
            s.timeline.info("kept " + s.spec.containerName(old) + " running for an instant rollback ("
                    + s.advice.switchTo("previous") + ")");
            return;
        }
        if (!s.stillHeld()) {
            s.timeline.warn("left " + s.spec.containerName(old) + " running: this deploy no longer holds the lock");
            return;
        }
        s.containers.find(s.spec, old).filter(ColorContainer::running).ifPresent(s::drainAndStop);
        s.timeline.info("stopped " + s.spec.containerName(old) + " (" + r.stopSignal() + ", up to " + r.stopTimeout().toSeconds() + " s)");
        s.router.apply(new Route(next.app(), next.color(), next.endpoint(), null, next.image(), next.since(), next.deployId()));
    }

    /**
     * Containers a deploy set aside and never retired because it died (SIGKILL, a lost machine). Under the
     * lock no other deploy is retiring anything, and a finished deploy waited for its own retiring.
     */
    private List<String> leftAsideByDeadDeploys() {
        List<String> prefixes = List.of(s.spec.containerName(Color.BLUE) + ASIDE, s.spec.containerName(Color.GREEN) + ASIDE,
                s.spec.containerName(Color.BLUE) + NEXT, s.spec.containerName(Color.GREEN) + NEXT);
        return s.containers.namesLabelled(s.spec.app()).stream().filter(n -> prefixes.stream().anyMatch(n::startsWith)).toList();
    }

    /** A container left aside that runs at {@code endpoint} (nginx's backup), if any. */
    private Optional<ColorContainer> runningLeftover(List<String> leftovers, String endpoint) {
        return leftovers.stream().map(this::leftover).flatMap(Optional::stream)
                .filter(c -> c.running() && c.endpoint() != null && c.endpoint().equals(endpoint)).findFirst();
    }

    private Optional<ColorContainer> leftover(String name) {
        Color color = name.startsWith(s.spec.containerName(Color.BLUE) + ASIDE) ? Color.BLUE : Color.GREEN;
        return s.containers.named(s.spec, name, color);
    }

    /** Drains, stops and removes the replaced idle container, and any left aside before, beside the boot. */
    private void retireAside(Optional<ColorContainer> idle, List<String> leftovers) {
        retiringCount = (idle.isPresent() ? 1 : 0) + leftovers.size();
        retiring = new Thread(() -> {
            idle.ifPresent(this::retireReplaced);
            removeAside(leftovers);
            try {
                int pruned = s.images.prune(s.spec.app(), s.spec.retire().keepImages());
                if (pruned > 0) {
                    s.timeline.info("removed " + pruned + " old image(s) of " + s.spec.app() + ", keeping the newest "
                            + s.spec.retire().keepImages() + " and any a container uses");
                }
            } catch (RuntimeException e) {
                s.timeline.warn("could not remove old images of " + s.spec.app() + ": " + LockedCommand.describe(e) + "; the next deploy tries again");
            }
        }, "protostar-retire-" + s.spec.app());
        retiring.setDaemon(true);
        retiring.start();
    }

    private void removeAside(List<String> leftovers) {
        for (String name : leftovers) {
            if (Thread.currentThread().isInterrupted()) {
                s.timeline.warn("stopped before retiring " + name + " and the rest set aside; the next deploy retires them");
                return;
            }
            try {
                // It may still be nginx's backup, so it is drained like any color before it stops.
                Optional<ColorContainer> c = leftover(name);
                if (c.isPresent() && c.get().running() && !s.drainAndStop(c.get())) {
                    s.timeline.warn(name + " keeps running: its drain was stopped; the next deploy retires it");
                    return;
                }
                s.containers.remove(name);
                s.timeline.info("removed " + name + ", set aside by a deploy that did not finish retiring it");
            } catch (RuntimeException e) {
                s.timeline.warn("could not remove " + name + " (set aside by an earlier deploy): " + e.getMessage()
                        + "; the next deploy tries again");
            }
        }
    }

    private void retireReplaced(ColorContainer idle) {
        String aside = idle.name() + ASIDE + s.id;
        try {
            if (!idle.running() || s.drainAndStop(idle)) {
                s.containers.remove(idle.id());
                s.timeline.info("removed the replaced " + idle.name() + " (" + aside + ")");
            } else {
                s.timeline.warn(aside + " (the replaced " + idle.name() + ") keeps running: its drain was stopped; remove it once idle");
            }
        } catch (RuntimeException e) {
            s.timeline.warn("could not retire " + aside + " (the replaced " + idle.name() + "): " + e.getMessage()
                    + "; remove it by hand once idle");
        }
    }

    /** Waits for the replaced container's drain and stop; the command's Docker client must outlive it. */
    private void awaitRetiring() {
        if (retiring == null) {
            return;
        }
        long bound = s.spec.retire().drain().plus(s.spec.retire().stopTimeout()).multipliedBy(retiringCount).plusSeconds(60).toMillis();
        Uninterrupted.run(() -> {
            try {
                retiring.join(bound);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        if (retiring.isAlive()) {
            retiring.interrupt(); // stops at its drain, leaving the container running
        }
        retiring = null;
    }

    /**
     * Removes the container this deploy started and gives the idle color's container it set aside its name back:
     * only while the lock is still ours, and found by this deploy's id on the engine (a rename whose answer was lost may
     * have happened), not by what this process remembers.
     */
    private void discardBooted() {
        if (bootColor == null) {
            return;
        }
        String name = s.spec.containerName(bootColor);
        if (!s.stillHeld()) {
            s.timeline.warn("left " + bootedName + " alone: this deploy no longer holds the lock, so it may belong to another deploy now");
            return;
        }
        Uninterrupted.run(() -> {
            try {
                s.router.endPreview(live); // before its container goes
            } catch (RuntimeException e) {
                s.timeline.warn("could not end nginx's preview of " + bootedName + ": " + LockedCommand.describe(e)
                        + "; only the engine's requests reach it, and the next deploy or switch ends it");
            }
            try {
                for (String candidate : List.of(name + NEXT + s.id, name)) {
                    Optional<ColorContainer> c = s.containers.named(s.spec, candidate, bootColor);
                    if (c.isPresent() && s.id.equals(c.get().deployId())) {
                        s.containers.remove(c.get().id());
                        s.timeline.info("removed " + candidate + ", started by this deploy");
                    }
                }
                Optional<ColorContainer> aside = s.containers.named(s.spec, name + ASIDE + s.id, bootColor);
                if (aside.isPresent() && s.containers.find(s.spec, bootColor).isEmpty()) {
                    s.containers.rename(aside.get().id(), name);
                    s.timeline.info("put " + name + " back in place: the instant rollback is as it was");
                }
                setAside = null;
            } catch (DockerException e) {
                leftForNext = true;
                s.timeline.warn("could not remove what this deploy started or put " + name + " back: " + e.getMessage()
                        + "; the next deploy or switch does it");
            }
        });
    }

    /** With no route, prefer a color whose container is not running, so nothing running is replaced. */
    private Color firstColor() {
        for (Color c : Color.values()) {
            if (s.containers.find(s.spec, c).filter(ColorContainer::running).isEmpty()) {
                return c;
            }
        }
        return Color.BLUE;
    }

    @Override
    public DeployResult finish(Outcome outcome, Phase failedPhase, String error, String detail) {
        stopBuilding();
        awaitRetiring();
        Color before = live.map(Route::color).orElse(null);
        Color now = outcome == Outcome.SUCCEEDED ? booted.color() : before;
        // What it intended is done or undone; a FAILED deploy's intent stays for the next command to reconcile.
        boolean finished = outcome != Outcome.FAILED && !leftForNext && s.stillHeld();
        if (finished) {
            s.doneWithRecord();
        }
        DeployResult r = Records.finish(s, action(), rollback == null ? null : rollback.entry().id(), request.owner(),
                request.revision(), outcome, now, before,
                image, failedPhase, error, detail);
        if (finished) {
            s.done();
        }
        return r;
    }

    static String shortId(String id) {
        String hex = id.startsWith("sha256:") ? id.substring(7) : id;
        return hex.substring(0, Math.min(12, hex.length()));
    }

    private static void checkNotInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new StepFailed("stopped on request before the switch; nothing was switched");
        }
    }

}
