package dev.protostar.core.engine.fake;

import dev.protostar.core.api.HistoryEntry;
import dev.protostar.core.router.Answer;
import dev.protostar.core.router.Route;
import dev.protostar.core.spec.AppSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Docker host and the nginx in front of it, in memory: containers, images, the include each app's route is
 * written in, what nginx serves (the includes as of its last reload), the pending records of changes under way,
 * the app's lock, the journal with the intent of a command under way, and the history. Every fake works on it
 * under its monitor (nginx's and the engine's locks are one here). Steps can be hooked, and a step can kill the
 * process that reaches it.
 */
public final class World {
    final String host;
    final Map<String, Box> boxes = new LinkedHashMap<>();
    final Map<String, Image> images = new LinkedHashMap<>();
    final Map<String, Route> include = new HashMap<>();
    final Map<String, Route> served = new HashMap<>();
    final Map<String, Pending> pending = new LinkedHashMap<>();
    /** What nginx served before its last reload: how its old workers still route (see {@link #oldWorkersFor}). */
    private final Map<String, Route> servedBefore = new HashMap<>();
    private int oldWorkerAnswers;
    private int oldAnswersLeft;
    private int lostToOldWorkers;
    final List<HistoryEntry> history = new ArrayList<>();
    final List<String> steps = new ArrayList<>();
    /** One-off (hook) containers that exist now, by id. */
    final Map<String, OneOff> oneOffs = new LinkedHashMap<>();
    /** Every one-off container started, in order. */
    final List<OneOff> started = new ArrayList<>();
    /** How a one-off container's command ends: by its command's words. */
    java.util.function.Function<List<String>, Integer> hookExits = World::exitByCommand;
    Held lock;
    /** The intent of the command under way, in the app's state beside its history; empty when cleared. */
    String journal = "";
    boolean nginxRejects;
    Behaviour builds = Behaviour.HEALTHY;
    private final Map<String, List<Runnable>> hooks = new HashMap<>();
    private String crashAt;
    private int serial;

    record Image(String id, String name, Behaviour behaviour, List<String> repoDigests) {
        Image(String id, String name, Behaviour behaviour) {
            this(id, name, behaviour, List.of());
        }
    }

    /** Where a pull goes: shared by the worlds of one test, or null when no registry answers. */
    FakeRegistry registry;

    /**
     * A one-off container: what it ran and with what; {@code state} is running, exited.
     */
    public static final class OneOff {
        final String id;
        final String name;
        final String imageName;
        final String imageId;
        final List<String> command;
        final Map<String, String> env;
        final Map<String, String> labels;
        String state = "running";

        OneOff(String id, String name, String imageName, String imageId, List<String> command, Map<String, String> env,
               Map<String, String> labels) {
            this.id = id;
            this.name = name;
            this.imageName = imageName;
            this.imageId = imageId;
            this.command = List.copyOf(command);
            this.env = Map.copyOf(env);
            this.labels = Map.copyOf(labels);
        }

        public String name() { return name; }
        public String imageName() { return imageName; }
        public String imageId() { return imageId; }
        public List<String> command() { return command; }
        public Map<String, String> env() { return env; }
        public Map<String, String> labels() { return labels; }
    }

    /** The default: a command whose first word is "fail" exits 3, "hang" never ends (-1), anything else exits 0. */
    static Integer exitByCommand(List<String> command) {
        return switch (command.get(0)) {
            case "fail" -> 3;
            case "hang" -> -1;
            default -> 0;
        };
    }

    /** A change under way on nginx: what to put back if its command dies before it drops the record. */
    record Pending(String who, Route restore) {}

    /** The app's lock: who holds it and whether its lease lapsed. */
    static final class Held {
        final String owner;
        final Runner runner;
        /** The id of the command that holds it, as an engine lock names it. */
        final String command;
        boolean lapsed;

        Held(String owner, Runner runner, String command) {
            this.owner = owner;
            this.runner = runner;
            this.command = command;
        }
    }

    public World(String host) {
        this.host = host;
    }

    /** A version that can be deployed with {@code image: name}. */
    public synchronized World image(String name, Behaviour behaviour) {
        String id = "sha256:" + String.format("%064x", ++serial);
        images.put(id, new Image(id, name, behaviour));
        return this;
    }

    /** An image of that id (the same content as another world's image of that id) under {@code name}. */
    public synchronized World image(String name, String id, Behaviour behaviour) {
        images.put(id, new Image(id, name, behaviour));
        return this;
    }

    /** Pulls go to {@code registry}. */
    public synchronized World pullsFrom(FakeRegistry registry) {
        this.registry = registry;
        return this;
    }

    /** The image (of that name or id) goes, as retire.keepImages removes an old one. */
    public synchronized World forget(String nameOrId) {
        images.values().removeIf(i -> i.name().equals(nameOrId) || i.id().equals(nameOrId));
        return this;
    }

    /** Containers of the image behave so from now on (the image keeps its id). */
    public synchronized World behaves(String name, Behaviour behaviour) {
        images.replaceAll((id, i) -> i.name().equals(name) ? new Image(id, name, behaviour, i.repoDigests()) : i);
        return this;
    }

    /** Whether the engine has an image of that id or name. */
    public synchronized boolean hasImage(String idOrName) {
        return images.containsKey(idOrName) || images.values().stream().anyMatch(i -> i.name().equals(idOrName));
    }

    /** How the next builds behave. */
    public synchronized World builds(Behaviour behaviour) {
        builds = behaviour;
        return this;
    }

    /** The process that reaches {@code step} dies there (once). */
    public synchronized World crashAt(String step) {
        crashAt = step;
        return this;
    }

    /** Runs {@code what} when a process reaches {@code step}, before any crash there. */
    public synchronized World at(String step, Runnable what) {
        hooks.computeIfAbsent(step, s -> new ArrayList<>()).add(what);
        return this;
    }

    /** Writing an intent into the app's state fails from now on (clearing it still works). */
    public synchronized World intentWritesFail(boolean fail) {
        intentWritesFail = fail;
        return this;
    }

    boolean intentWritesFail;
    int intentsWritten;

    /** How many intents commands have written (not counting clears). */
    public synchronized int intentsWritten() {
        return intentsWritten;
    }

    boolean probesAreSlow;
    /** The apps whose commands said their change to nginx is coming ({@code Router#changeComing}) and have not made it or taken it back. */
    final java.util.Set<String> announced = new java.util.HashSet<>();

    public synchronized boolean announced(String app) {
        return announced.contains(app);
    }

    /** A probe of a color costs an exec, as with nginx in a container: a switch asks its target ahead. */
    public synchronized World probesAreSlow(boolean slow) {
        probesAreSlow = slow;
        return this;
    }

    /** nginx -t fails from now on. */
    public synchronized World nginxRejects(boolean rejects) {
        nginxRejects = rejects;
        return this;
    }

    /** The lock holder's lease lapses (it was paused): the next command takes the lock over, and the holder is fenced. */
    public synchronized void lapseLease() {
        if (lock != null) {
            lock.lapsed = true;
        }
    }

    /** A process reached a named step: the hooks run, and if it is the crash step, the process dies there. */
    public synchronized void reach(Runner runner, String step) {
        runner.check();
        steps.add(step);
        hooks.getOrDefault(step, List.of()).forEach(Runnable::run);
        if (step.equals(crashAt)) {
            crashAt = null;
            runner.kill();
            throw new Killed(step);
        }
    }

    /** A step whose hooks run without the world's monitor, so that a slow one holds up only its own process. */
    public void reachUnlocked(String step) {
        List<Runnable> now;
        synchronized (this) {
            steps.add(step);
            now = List.copyOf(hooks.getOrDefault(step, List.of()));
        }
        now.forEach(Runnable::run);
    }

    /** {@code what} runs as each one-off container runs (with the world as it is then), before it exits. */
    public synchronized World hookExitsWhile(Runnable what) {
        java.util.function.Function<List<String>, Integer> exits = hookExits;
        hookExits = command -> {
            what.run();
            return exits.apply(command);
        };
        return this;
    }

    /** Every one-off container started so far, in order. */
    public synchronized List<OneOff> oneOffsStarted() {
        return List.copyOf(started);
    }

    /** The names of the one-off containers there are now. */
    public synchronized List<String> oneOffNames() {
        return oneOffs.values().stream().map(o -> o.name).toList();
    }

    /** The container of that name, if any. */
    public synchronized Optional<Box> container(String name) {
        return boxes.values().stream().filter(b -> b.name.equals(name)).findFirst();
    }

    public synchronized List<String> names() {
        return boxes.values().stream().map(b -> b.name).toList();
    }

    /** The container exits, as a crash would (Docker's restart policy does not bring it back here). */
    public synchronized void crash(String name) {
        container(name).orElseThrow().exit(137);
    }

    /** Docker's HEALTHCHECK fails in the container: Docker calls it unhealthy, with {@code log} as its health log. */
    public synchronized void unhealthy(String name, String log) {
        Box b = container(name).orElseThrow();
        b.health = "unhealthy";
        b.healthLog = log;
    }

    /** The container is removed by hand (docker rm -f). */
    public synchronized void remove(String name) {
        boxes.values().removeIf(b -> b.name.equals(name));
    }

    /** The app's include is edited by hand to route to {@code route}, without a reload: nginx still serves the old one. */
    public synchronized void editIncludeWithoutReload(Route route) {
        include.put(route.app(), route);
    }

    /** Docker restarts the container (it crashed and its restart policy brought it back): it runs, with a new start time. */
    public synchronized void restart(String name) {
        Box b = container(name).orElseThrow();
        b.restarts++;
        b.startedAt = nextStart();
        b.exitCode = 139;
    }

    /** What the app's include names. */
    public synchronized Optional<Route> routed(String app) {
        return Optional.ofNullable(include.get(app));
    }

    /** What nginx serves the app from (its include as of the last reload). */
    public synchronized Optional<Route> serving(String app) {
        return Optional.ofNullable(served.get(app));
    }

    public synchronized boolean pendingFor(String app) {
        return pending.containsKey(app);
    }

    /** Another command's intent in the journal (one that took the lock over). */
    public synchronized void intend(String intent) {
        journal = intent;
    }

    /** The journal's intent, empty when cleared. */
    public synchronized String intent() {
        return journal;
    }

    /** Whether a command's intent is left in the journal (not cleared by it or by the one after). */
    public synchronized boolean intentLeft() {
        return !journal.isEmpty();
    }

    public synchronized List<HistoryEntry> history() {
        return List.copyOf(history);
    }

    /** The steps reached so far, in order. */
    public synchronized List<String> steps() {
        return List.copyOf(steps);
    }

    /** Whether the app's lock is held (by a live holder or a dead one). */
    public synchronized boolean locked() {
        return lock != null;
    }

    /** Who answers for the app through nginx now. */
    public synchronized Answer answer(String app) {
        boolean oldWorker = oldAnswersLeft > 0 && (oldWorkerAnswers - oldAnswersLeft--) % 2 == 1;
        if (oldWorker) {
            Route before = servedBefore.get(app);
            if (before != null && runningAt(before.endpoint()) == null) {
                lostToOldWorkers++;
            }
            return answerFrom(servedBefore, app);
        }
        return answerFrom(served, app);
    }

    /**
     * After each reload, nginx's old workers answer every other one of the next {@code answers} requests, routed as
     * before it (the first answer after a reload comes from a new worker).
     */
    public synchronized World oldWorkersFor(int answers) {
        oldWorkerAnswers = answers;
        return this;
    }

    /**
     * How many answers old workers routed to a container that no longer ran, and containers stopped while old workers
     * still had answers to route to them: requests a stopped color would fail.
     */
    public synchronized int lostToOldWorkers() {
        return lostToOldWorkers;
    }

    /** {@code b} stops: old workers that still route to it would fail the requests they have left. */
    synchronized void stopping(Box b) {
        if (oldAnswersLeft > 1 && servedBefore.values().stream().anyMatch(r -> r.endpoint().equals(b.endpoint()))) {
            lostToOldWorkers++;
        }
    }

    private Answer answerFrom(Map<String, Route> served, String app) {
        Route r = served.get(app);
        if (r == null) {
            return new Answer(404, null, null, null, null, false);
        }
        String color = r.color().word();
        Box primary = runningAt(r.endpoint());
        if (primary != null) {
            return new Answer(primary.status(), app, color, r.endpoint(), null, false);
        }
        Box backup = r.backup() == null ? null : runningAt(r.backup());
        String tried = r.endpoint() + (r.backup() == null ? "" : ", " + r.backup());
        return backup != null ? new Answer(backup.status(), app, color, tried, null, false) : new Answer(502, app, color, tried, null, false);
    }

    Box runningAt(String endpoint) {
        return boxes.values().stream().filter(b -> b.running && b.endpoint().equals(endpoint)).findFirst().orElse(null);
    }

    Box byNameOrId(String nameOrId) {
        Box b = boxes.get(nameOrId);
        return b != null ? b : boxes.values().stream().filter(x -> x.name.equals(nameOrId)).findFirst().orElse(null);
    }

    Box start(AppSpec spec, dev.protostar.core.spec.Color color, String name, Image image, String deployId) {
        int n = ++serial;
        Box b = new Box(String.format("%064x", n), name, spec.app(), color, image.id(), image.name(), deployId, image.behaviour(),
                20000 + n, "t" + n);
        boxes.put(b.id, b);
        return b;
    }

    String nextStart() {
        return "t" + (++serial);
    }

    void reload() {
        servedBefore.clear();
        servedBefore.putAll(served);
        oldAnswersLeft = oldWorkerAnswers;
        served.clear();
        served.putAll(include);
    }

    /** Sets up what an earlier deploy left: {@code color} runs {@code image} and, if {@code live}, nginx routes to it. */
    public synchronized Box running(AppSpec spec, dev.protostar.core.spec.Color color, String image, boolean live) {
        Image i = images.values().stream().filter(x -> x.name().equals(image)).findFirst().orElseThrow();
        Box b = start(spec, color, spec.containerName(color), i, "earlier");
        if (live) {
            Box other = container(spec.containerName(color.other())).filter(x -> x.running).orElse(null);
            include.put(spec.app(), new Route(spec.app(), color, b.endpoint(), other == null ? null : other.endpoint(), i.id(),
                    "2026-01-01T00:00:00Z", "earlier"));
            reload();
        }
        return b;
    }
}
