package dev.protostar.core.engine;

import dev.protostar.core.api.Advice;
import dev.protostar.core.docker.ColorContainer;
import dev.protostar.core.docker.ColorContainers;
import dev.protostar.core.docker.ImageStore;
import dev.protostar.core.router.Answer;
import dev.protostar.core.router.Route;
import dev.protostar.core.router.Router;
import dev.protostar.core.router.RouterException;
import dev.protostar.core.spec.AppSpec;
import dev.protostar.core.spec.Color;
import dev.protostar.core.state.AppHistory;
import dev.protostar.core.state.AppJournal;
import dev.protostar.core.state.AppLock;
import dev.protostar.core.state.AppLocks;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** What one command works with: the spec, one host's containers, images, router, lock and history, and the timeline it reports to. */
final class Session implements AutoCloseable {
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    final AppSpec spec;
    final ColorContainers containers;
    final ImageStore images;
    final dev.protostar.core.docker.OneOffs oneOffs;
    final Router router;
    final AppLocks locks;
    final Timeline timeline;
    final Clock clock;
    final Cutover cutover;
    final String id;
    /** The caller's words for what the user can do next. */
    final Advice advice;
    /** The Docker engine this command works on, as messages name it. */
    String engine;
    private final Host host;
    /** The app's lock on this engine when the caller already holds it (a change across several hosts), else null. */
    AppLock heldLock;
    /** Whether this is the app's first host (of one, or of several): hooks that run once per change run here. */
    boolean firstHost = true;
    /** The Docker host this session works on when the command changes several hosts, one by one; null when it is the only one. */
    String oneOfSeveralHosts;
    /** The lock this command works under, once taken. */
    private AppLock lock;
    private boolean intended;
    /** The lock was found lost when the record was written: the journal is no longer this command's to clear. */
    private boolean lostAtRecord;

    Session(AppSpec spec, Advice advice, Timeline timeline, Host host) {
        this.spec = spec;
        this.advice = advice;
        this.timeline = timeline;
        this.host = host;
        this.containers = host.containers();
        this.images = host.images();
        this.oneOffs = host.oneOffs();
        this.router = host.router();
        this.locks = host.locks();
        this.clock = host.clock();
        this.cutover = new Cutover(spec, router, timeline, clock);
        this.engine = spec.dockerHost();
        this.id = newId();
    }

    /** From here on router changes carry the lock as their fence, and what the router repairs on the way is reported. */
    /** A command's id: when it started, and a random part. */
    static String newId() {
        return ID.format(Instant.now()) + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    }

    void hold(AppLock taken, String owner) {
        this.lock = taken;
        String who = owner + " (" + id + ")";
        router.fencedBy(new dev.protostar.core.router.Fence() {
            @Override
            public String lost() {
                return taken.stillHeld() ? null : "this command (" + id + ") no longer holds the lock of " + spec.app()
                        + " (released by force, or taken over after its lease lapsed: another command may be changing it now)";
            }

            @Override
            public String who() {
                return who;
            }

            @Override
            public String lostBeforeReload() {
                String unwritten = intentUnwritten();
                return unwritten != null ? unwritten : lost();
            }
        });
        router.reportTo(timeline::warn);
    }

    /** The history record of a successful command, left for after its answer ({@link WriteBehind}); null while it is not. */
    private Runnable recordBehind;
    /** Its intent is cleared after that record (in the record's copy, or on its own if the record did not clear it). */
    private boolean doneBehind;
    /** The end went to {@link WriteBehind}: what still uses the connection follows it there, and the disconnect last. */
    private boolean handedOver;

    /** Whether the rest of a command that succeeded may wait until after its answer: only under its own lock, still held. */
    boolean mayEndBehind() {
        return WriteBehind.on() && heldLock == null && lock != null && stillHeld();
    }

    /** Leaves the history record's write for after the answer. */
    void recordBehind(Runnable write) {
        recordBehind = write;
    }

    boolean endsBehind() {
        return recordBehind != null;
    }

    /**
     * Hands the end to {@link WriteBehind}: the record, then the intent's clearing, then {@code release} (told whether the
     * record was written), which runs whatever failed before it. A record that could not be written leaves the intent,
     * so the next command verifies the change and records it (see {@link Recovery}). What fails is told on the process's
     * error stream, where only its log hears it: the caller has its answer by then.
     */
    void endAfterAnswer(java.util.function.Consumer<Boolean> release) {
        Runnable record = recordBehind;
        boolean thenDone = doneBehind;
        recordBehind = null;
        handedOver = true;
        WriteBehind.submit(spec.app(), () -> {
            boolean recorded = false;
            try {
                record.run();
                recorded = true;
                if (thenDone) {
                    doneNow();
                }
            } catch (RuntimeException e) {
                System.err.println("protostar: " + spec.app() + " (" + id + "), after its answer: "
                        + (recorded ? "could not clear its intent" : "could not write its history record; " + leftUnrecorded()) + ": "
                        + e.getMessage());
            } finally {
                release.accept(recorded);
            }
        });
    }

    /** What a command that wrote no intent leaves, should its record after the answer fail (a switch's: see {@link #leaveIfUnrecorded}). */
    private Intent unrecorded;

    /**
     * A switch writes no intent before it acts: its lock names it to whoever takes it over. Its record after the answer may
     * fail while the lock is then released, so the intent is written at that point instead.
     */
    void leaveIfUnrecorded(Intent intent) {
        unrecorded = intent;
    }

    private String leftUnrecorded() {
        if (intended || unrecorded == null) {
            return "its intent stays for the next command, which verifies the change and records it";
        }
        String unwritten = writeUnrecorded();
        return unwritten == null ? "its intent is left for the next command, which verifies the change and records it"
                : "nor its intent (" + unwritten + "), so the history will lack it";
    }

    /** A command that wrote no intent and failed so that nginx may serve what it could not verify: the intent is written now. */
    void leaveUnrecordedNow() {
        if (intended || unrecorded == null) {
            return;
        }
        String unwritten = writeUnrecorded();
        if (unwritten != null) {
            timeline.warn("could not write this command's intent on the engine (" + unwritten + "); check what serves: " + advice.status());
        }
    }

    /** Writes the intent left for when nothing else names the command: null when written, else why not. */
    private String writeUnrecorded() {
        if (!stillHeld()) {
            return "its lock is no longer its own, and the next holder's intent is not to be overwritten";
        }
        try {
            journal().write(unrecorded.json());
            intended = true;
            return null;
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    /** Runs {@code work} now, or after the end of this command when that was handed to {@link WriteBehind}. */
    void afterTheEnd(Runnable work) {
        if (handedOver) {
            WriteBehind.submit(spec.app(), work);
        } else {
            work.run();
        }
    }

    /** Whether this command took its app's lock (or was handed it). */
    boolean holdsLock() {
        return lock != null;
    }

    /** Whether this command still holds its lock (true when it runs without one). */
    boolean stillHeld() {
        return lock == null || lock.stillHeld();
    }

    /** Right before the switch: a command whose lock lapsed or was released by force must not switch. */
    void ensureHeld() {
        if (!stillHeld()) {
            throw new StepFailed("this deploy no longer holds the lock of " + spec.app()
                    + " (released by force, or taken over after its lease lapsed), so it stops before the switch");
        }
    }

    /** An intent on its way to the engine beside what the command does until it acts (see {@link #intendBeside}), or null. */
    private volatile CompletableFuture<Void> intentWrite;

    /**
     * Writes what this command is about to change, for the next command if this one does not finish, beside what it does
     * until it acts on it. A switch's router waits for it right before its reload (until then the change moves no
     * traffic, and a command that dies before the reload leaves what the router's own record puts back); a deploy writes
     * it as its gate begins and waits for it before it renames a container ({@link #awaitIntent}): a deploy that dies
     * meanwhile leaves a gated container that nothing routes to, which the next command removes as the intent names it.
     * Every later write to the app's state waits for it too ({@link #intentWritten}).
     */
    void intendBeside(Intent intent) {
        intended = true;
        String json = intent.json();
        AppJournal journal = journal();
        intentWrite = CompletableFuture.runAsync(() -> {
            // Checked here, beside the work, as a switch checks before its change: a deploy's lock may have been taken over
            // while it built or booted, and the new holder's intent is not this command's to overwrite.
            if (!stillHeld()) {
                throw new StepFailed("this command no longer holds the lock of " + spec.app() + " (released by force, or taken "
                        + "over after its lease lapsed)");
            }
            journal.write(json);
        }, work -> {
            Thread t = new Thread(work, "protostar-intent");
            t.setDaemon(true);
            t.start();
        });
    }

    /** Null once the intent is written (or none is under way), else why it could not be. */
    private String intentUnwritten() {
        CompletableFuture<Void> write = intentWrite;
        if (write == null) {
            return null;
        }
        try {
            write.join(); // bounded by the engine's deadline for a copy
            return null;
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return "this command could not write its intent on the engine (" + cause.getMessage() + "), which must be there before "
                    + "traffic moves";
        }
    }

    /** Waits until the intent under way is written or failed: the app's state is written by one writer at a time. */
    void intentWritten() {
        intentUnwritten();
    }

    /** Returns once the intent under way is on the engine; a command whose intent could not be written acts on nothing. */
    void awaitIntent() {
        String unwritten = intentUnwritten();
        if (unwritten != null) {
            throw new StepFailed(unwritten + "; nothing was switched");
        }
    }

    /**
     * The command will have finished what it intended (or undone it) once its history record is written: the intent is
     * cleared in the record's copy. {@link #done} follows the record in any case, and clears it if the record did not.
     */
    void doneWithRecord() {
        intentWritten();
        if (intended) {
            journal().clearWithNextRecord();
        }
    }

    /** The command finished what it intended (or undid it): the next one has nothing to finish. */
    void done() {
        if (endsBehind()) {
            doneBehind = true; // after the record, which clears the intent in its copy
            return;
        }
        doneNow();
    }

    private void doneNow() {
        intentWritten();
        if (intended && !lostAtRecord && stillHeld()) {
            try {
                journal().clear();
                intended = false;
            } catch (RuntimeException e) {
                timeline.warn("could not clear this command's intent on the engine (" + e.getMessage() + "); the next command "
                        + "checks it against what serves and changes nothing that is right");
            }
        }
    }

    AppJournal journal() {
        return host.journal().get();
    }

    /**
     * The live route as nginx has it, cross-checked with the containers; mismatches are reported.
     * If nginx itself answers with another color than its include file names (the file changed but
     * was never loaded), nothing may proceed: the "idle" color could be the one serving.
     */
    Optional<Route> live() {
        try {
            return liveOnce();
        } catch (RouterException e) {
            if (router.readAfreshIfKept()) { // started from what an earlier command of this process kept: read as it is now
                return liveOnce();
            }
            throw e;
        }
    }

    private Optional<Route> liveOnce() {
        List<String> settled = router.settle(); // what commands cut short left on this nginx: put back first
        settled.forEach(timeline::warn);
        Optional<Route> route = router.current(spec.app());
        Answer answer = cutover.ask(spec.verify().path());
        String serving = answer.colorOf(spec.app());
        // Right after a reload, old nginx workers still answer from the config before it for a moment.
        long patience = clock.nanoTime() + Cutover.OLD_WORKER_PATIENCE.toNanos();
        while (!settled.isEmpty() && route.isPresent() && serving != null && !serving.equals(route.get().color().word())
                && clock.nanoTime() < patience) {
            pause(50);
            answer = cutover.ask(spec.verify().path());
            serving = answer.colorOf(spec.app());
        }
        if (route.isEmpty() && serving != null) {
            throw new RouterException("nginx answers for " + spec.app() + " from " + serving + ", but there is no "
                    + router.where() + ": the file was removed without a reload. Nothing was changed; reload nginx or restore the file.");
        }
        if (route.isPresent()) {
            Route r = route.get();
            if (answer.unreachable()) {
                throw new RouterException("nginx does not accept connections for " + spec.app() + " (" + answer.failure()
                        + "), so what it serves cannot be checked. Nothing was changed; start nginx or fix router.url.");
            }
            if (serving != null && !serving.equals(r.color().word())) {
                throw new RouterException("nginx serves " + serving + " but its include file names " + r.color()
                        + ": the file was changed by hand without a reload. Nothing was changed; check "
                        + router.where() + " and reload nginx, or switch explicitly.");
            }
            if (serving == null && router.readAfreshIfKept()) {
                return liveOnce(); // nginx does not answer as the directory kept from the last command says (a new nginx?)
            }
            if (serving == null) {
                timeline.warn("could not read the live color of " + spec.app() + " through nginx at " + router.url()
                        + " (" + answer.describe() + "); going by its include file");
            }
            liveContainerProblem(r).ifPresent(timeline::warn);
        }
        return route;
    }

    /** What is wrong with the container nginx routes to (gone, stopped, unhealthy, elsewhere), if anything. */
    Optional<String> liveContainerProblem(Route r) {
        Optional<ColorContainer> c = containers.find(spec, r.color());
        if (c.isEmpty()) {
            return Optional.of("nginx routes to " + r.color() + ", but its container " + spec.containerName(r.color())
                    + " is gone; " + instead(r.color()));
        }
        if (!c.get().running()) {
            return Optional.of("nginx routes to " + r.color() + ", but " + c.get().name() + " is " + c.get().state()
                    + "; start it again (docker start " + c.get().name() + "), or " + instead(r.color()));
        }
        if ("unhealthy".equals(c.get().health())) {
            return Optional.of(c.get().name() + " is live but Docker reports it unhealthy; read its logs (docker logs "
                    + c.get().name() + "); " + instead(r.color()));
        }
        if (!r.endpoint().equals(c.get().endpoint())) {
            return Optional.of("nginx sends " + r.color() + " traffic to " + r.endpoint() + ", but " + c.get().name()
                    + " listens on " + c.get().endpoint() + " (Docker gives new addresses after a restart); "
                    + advice.switchTo(r.color().word()) + " routes it afresh");
        }
        return Optional.empty();
    }

    /**
     * Whether a switch to {@code color} is worth advising: its container exists and runs, and Docker does not call it
     * unhealthy (a switch refuses that, see {@link Switch}).
     */
    boolean switchable(Color color) {
        return containers.find(spec, color).filter(c -> c.running() && !"unhealthy".equals(c.health())).isPresent();
    }

    /**
     * What serves in place of {@code failing}, in the caller's words: a switch to the other color while it is
     * {@link #switchable}, else a new deploy (advising a switch to a color that is gone or stopped would only fail again).
     */
    String instead(Color failing) {
        Color other = failing.other();
        if (switchable(other)) {
            return advice.switchTo(other.word()) + " moves traffic to " + other + " (health-gated)";
        }
        return advice.deploy() + " brings up a new version (" + spec.containerName(other) + ", the other color, "
                + containers.find(spec, other).map(o -> o.running() ? "is unhealthy" : "is " + o.state()).orElse("is gone")
                + ", so there is nothing to switch to)";
    }

    /** nginx's backup for a route to {@code color}: the other color's address while it runs, else none. */
    String backupFor(Color color) {
        return containers.find(spec, color.other())
                .filter(ColorContainer::running)
                .map(ColorContainer::endpoint)
                .orElse(null);
    }

    /**
     * Waits until no old nginx worker passes new connections as before this command's switch ({@link
     * Cutover#awaitOldWorkers}) and nginx has no connection left to {@code c}, then stops it gracefully. If asked to
     * stop while waiting, it leaves the container running (stopping it undrained could fail requests)
     * and returns false.
     */
    boolean drainAndStop(ColorContainer c) {
        Duration waited;
        try {
            long t0 = clock.nanoTime();
            if (!cutover.awaitOldWorkers()) {
                return false; // it warned: nginx may still pass new connections to it
            }
            waited = Drain.await(router.path(), c.endpoint(), spec.retire().drain(), clock, t0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            timeline.warn("stopped on request while draining " + c.name() + "; it keeps running");
            return false;
        }
        timeline.info("drained " + c.name() + " in " + dev.protostar.core.spec.Durations.words(waited));
        containers.stop(c.id(), spec.retire().stopTimeout()); // by id: the name may belong to a newer container by now
        return true;
    }

    private void pause(long ms) {
        try {
            clock.sleep(ms * 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailed("stopped on request while reading the live color; nothing was changed");
        }
    }

    AppHistory history() {
        return host.history().get();
    }

    /** The history to append this command's record to: as read under the lock while it is held, else read again. */
    AppHistory historyToAppend() {
        AppHistory h = host.history().get();
        if (stillHeld()) {
            return h;
        }
        lostAtRecord = true; // the intent may be the next holder's by now: done() leaves it
        return h.reread();
    }

    /** A named step of a change (a crash point). */
    void reach(String step) {
        host.crashPoints().accept(step);
    }

    static String now() {
        return Instant.now().toString();
    }

    @Override
    public void close() {
        afterTheEnd(host.disconnect());
    }
}
