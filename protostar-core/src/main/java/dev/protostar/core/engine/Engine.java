package dev.protostar.core.engine;

import dev.protostar.core.Uninterrupted;
import dev.protostar.core.api.Advice;
import dev.protostar.core.api.DeployRequest;
import dev.protostar.core.api.ContainerOutput;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.DockerEndpoint;
import dev.protostar.core.api.Event;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.api.ExecRequest;
import dev.protostar.core.api.ExecResult;
import dev.protostar.core.api.HistoryEntry;
import dev.protostar.core.api.HistoryLine;
import dev.protostar.core.api.LockHolder;
import dev.protostar.core.api.LockRelease;
import dev.protostar.core.api.LogsRequest;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import dev.protostar.core.api.RollbackRequest;
import dev.protostar.core.api.StatusReport;
import dev.protostar.core.api.SwitchRequest;
import dev.protostar.core.api.VerifyRequest;
import dev.protostar.core.api.VerifyResult;
import dev.protostar.core.docker.Docker;
import dev.protostar.core.docker.Images;
import dev.protostar.core.docker.RegistryAuth;
import dev.protostar.core.metrics.EventLog;
import dev.protostar.core.metrics.Publisher;
import dev.protostar.core.router.Route;
import dev.protostar.core.spec.AppSpec;
import dev.protostar.core.spec.Arguments;
import dev.protostar.core.spec.Color;
import dev.protostar.core.spec.DeployEnvironment;
import dev.protostar.core.spec.SpecException;
import dev.protostar.core.spec.Secrets;
import dev.protostar.core.spec.SpecParser;
import dev.protostar.core.state.AppLock;
import dev.protostar.core.state.EngineLock;
import dev.protostar.core.state.History;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The engine's entry points. Each takes a plain request, reports {@link Event}s to a listener and
 * returns a plain result; none of them exposes Docker or I/O types, so a caller on another JVM
 * (a Jenkins agent) can use them through a serializable call.
 */
public final class Engine {
    private Engine() {}

    public static DeployResult deploy(DeployRequest request, EventListener listener) {
        return deploy(request, listener, DockerEngines.INSTANCE);
    }

    static DeployResult deploy(DeployRequest request, EventListener listener, Hosts on) {
        String bad = firstProblem(
                field("image", Arguments.imageProblem(request.image())),
                field("revision", Arguments.revisionProblem(request.revision())),
                field("owner", Arguments.ownerProblem(request.owner())));
        if (bad != null) {
            return refused("deploy", bad);
        }
        // Values from the deploying machine are secrets: every event and the result are masked once they are read.
        Masking mask = new Masking(listener);
        ImagePin pin = new ImagePin(request.image(), request.revision(), request::variable);
        learnRegistryPassword(mask, request::variable);
        try {
            return mask.result(acrossHosts(on, "deploy", request.specFile(), request.baseDir(), request.hosts(), request.owner(),
                    request.advice(), request::variable, mask.listener(), spec -> mask.learn(DeployEnvironment.resolve(spec, request::variable)),
                    Preflight.pinning(pin, session -> new Deploy(session, request, pin).run())));
        } catch (RuntimeException e) {
            throw mask.exception(e);
        }
    }

    public static DeployResult switchTo(SwitchRequest request, EventListener listener) {
        return switchTo(request, listener, DockerEngines.INSTANCE);
    }

    static DeployResult switchTo(SwitchRequest request, EventListener listener, Hosts on) {
        String bad = firstProblem(field("to", Arguments.switchTargetProblem(request.to())),
                field("owner", Arguments.ownerProblem(request.owner())));
        if (bad != null) {
            return refused("switch", bad);
        }
        return acrossHosts(on, "switch", request.specFile(), request.baseDir(), request.hosts(), request.owner(), request.advice(),
                request::variable, listener, spec -> spec, Preflight.none(session -> new Switch(session, request).run()));
    }

    /**
     * A health-gated cutover back to a version from the app's history: the cutover of a deploy of its image (no build),
     * recorded as a rollback naming the entry it went back to. The target is resolved, and its image found on every
     * host, before any host is touched.
     */
    public static DeployResult rollback(RollbackRequest request, EventListener listener) {
        return rollback(request, listener, DockerEngines.INSTANCE);
    }

    static DeployResult rollback(RollbackRequest request, EventListener listener, Hosts on) {
        String bad = firstProblem(field(request.advice().rollbackField(), Arguments.rollbackTargetProblem(request.to())),
                field("owner", Arguments.ownerProblem(request.owner())));
        if (bad != null) {
            return refused("rollback", bad);
        }
        Masking mask = new Masking(listener);
        learnRegistryPassword(mask, request::variable); // a rollback pulls a registry image a host no longer has
        try {
            return mask.result(acrossHosts(on, "rollback", request.specFile(), request.baseDir(), request.hosts(), request.owner(),
                    request.advice(), request::variable, mask.listener(),
                    spec -> mask.learn(DeployEnvironment.resolve(spec, request::variable)), RollbackPlan.of(on, request)));
        } catch (RuntimeException e) {
            throw mask.exception(e);
        }
    }

    /** A registry password from the deploying environment is a secret though no spec field reads it. */
    private static void learnRegistryPassword(Masking mask, java.util.function.UnaryOperator<String> env) {
        String registryPassword = env.apply(RegistryAuth.PASSWORD);
        if (registryPassword != null && registryPassword.length() >= Secrets.MIN_LENGTH) {
            mask.learn(Secrets.of(Set.of(registryPassword)));
        }
    }

    private static DeployResult acrossHosts(Hosts on, String action, String specFile, String baseDir, List<DockerEndpoint> override, String owner,
                                            Advice advice, java.util.function.UnaryOperator<String> env, EventListener listener,
                                            java.util.function.UnaryOperator<AppSpec> prepare,
                                            Preflight preflight) {
        Timeline timeline = new Timeline(listener);
        AppSpec spec;
        try {
            spec = timeline.run(Phase.SPEC, () -> prepare.apply(parse(specFile, baseDir, advice)));
        } catch (SpecException e) {
            return new DeployResult(null, action, Outcome.FAILED_BEFORE_SWITCH, null, null, null, null, timeline.millis(),
                    timeline.orderedPhases(), Phase.SPEC, e.getMessage() + "\nNothing on the server was changed.");
        }
        // The event log hears the spec's secrets masked, as the caller's listener does.
        Masking logMask = new Masking(EventListener.NONE);
        logMask.learn(spec);
        EventLog log = eventLog(spec, action, timeline, logMask);
        EventListener reported = log == null ? listener : both(listener, logMask.over(log));
        DeployResult result = acrossHosts(on, action, spec, specFile, baseDir, override, owner, advice, timeline, reported, preflight);
        if (log != null) {
            log.outcome(logMask.result(result));
        }
        try {
            // the request's environment: in Jenkins the step's (withCredentials), not the agent process's
            Publisher.annotate(spec, logMask.result(result), env, timeline::warn);
        } catch (RuntimeException | LinkageError e) {
            timeline.warn("metrics: could not annotate in Grafana: " + e);
        }
        return result;
    }

    /** The spec's event log, if it names one; it already hears the timeline's events. */
    private static EventLog eventLog(AppSpec spec, String action, Timeline timeline, Masking mask) {
        if (spec.metrics().events() == null) {
            return null;
        }
        EventLog log = EventLog.to(spec.metrics().events(), System.out, spec.app(), action, timeline::warn);
        timeline.alsoTell(mask.over(log));
        return log;
    }

    private static EventListener both(EventListener first, EventListener second) {
        return e -> {
            try {
                first.onEvent(e);
            } finally {
                second.onEvent(e);
            }
        };
    }

    private static DeployResult acrossHosts(Hosts on, String action, AppSpec spec, String specFile, String baseDir,
                                            List<DockerEndpoint> override, String owner, Advice advice, Timeline timeline,
                                            EventListener listener, Preflight preflight) {
        List<DockerEndpoint> hosts;
        try {
            hosts = hosts(spec, override);
        } catch (IllegalArgumentException e) {
            return new DeployResult(spec.app(), action, Outcome.FAILED_BEFORE_SWITCH, null, null, null, null, timeline.millis(),
                    timeline.orderedPhases(), Phase.SPEC, e.getMessage() + "\nNothing on the server was changed.");
        }
        Preflight.Cleared cleared = preflight.check(spec, hosts, timeline);
        if (cleared.ended() != null) {
            return cleared.ended();
        }
        Function<Session, DeployResult> command = cleared.command();
        if (hosts.size() == 1) {
            return onHost(on, action, spec, hosts.get(0), false, true, advice, timeline, null, command);
        }
        // Every host's lock for the whole change, so no other deploy runs on a host in between and a
        // switch-back never undoes someone else's change.
        List<Host> lockHosts = new ArrayList<>();
        Map<DockerEndpoint, AppLock> locks = new java.util.LinkedHashMap<>();
        try {
            for (DockerEndpoint host : hosts) {
                try {
                    Host h = on.open(spec, host, timeline::warn);
                    lockHosts.add(h);
                    AppLock lock = timeline.run(Phase.LOCK, () -> h.locks().take(spec.app(), owner, spec.lockLease()));
                    if (lock.tookOverFrom() != null) {
                        timeline.warn(host.host() + ": took over the deploy lock from " + lock.tookOverFrom());
                    }
                    locks.put(host, lock);
                } catch (RuntimeException e) {
                    return new DeployResult(spec.app(), action, Outcome.FAILED_BEFORE_SWITCH, null, null, null, null,
                            timeline.millis(), timeline.orderedPhases(), Phase.LOCK, host.host() + ": "
                            + LockedCommand.lockProblem(e, advice) + "\nNothing on any host was changed.");
                }
            }
            if (cleared.pin() != null) {
                List<ImagePin.OnHost> images = new ArrayList<>();
                for (int i = 0; i < hosts.size(); i++) {
                    images.add(new ImagePin.OnHost(hosts.get(i).host(), lockHosts.get(i).images()));
                }
                try {
                    timeline.run(Phase.BUILD, () -> cleared.pin().acrossHosts(spec, images, timeline));
                } catch (RuntimeException e) {
                    return new DeployResult(spec.app(), action, Outcome.FAILED_BEFORE_SWITCH, null, null, null, null, timeline.millis(),
                            timeline.orderedPhases(), Phase.BUILD, LockedCommand.describe(e));
                }
            }
            return HostByHost.run(action, hosts, listener,
                    host -> onHost(on, action, spec, host, true, host.equals(hosts.get(0)), advice, new Timeline(listener), locks.get(host),
                            command),
                    (host, color) -> onHost(on, "switch", spec, host, true, false, advice, new Timeline(listener), locks.get(host),
                            session -> new Switch(session, new SwitchRequest(specFile, color, owner, List.of(), baseDir, advice)).run()));
        } finally {
            Uninterrupted.run(() -> {
                locks.values().forEach(l -> {
                    try {
                        l.close();
                    } catch (RuntimeException e) {
                        timeline.warn(LockedCommand.notReleased(e, owner, advice));
                    }
                });
                lockHosts.forEach(h -> h.disconnect().run());
            });
        }
    }

    /** @param first whether {@code host} is the app's first: hooks that run once per change run there */
    private static DeployResult onHost(Hosts on, String action, AppSpec spec, DockerEndpoint host, boolean oneOfSeveral, boolean first,
                                       Advice advice,
                                       Timeline timeline,
                                       AppLock held, Function<Session, DeployResult> command) {
        Session session;
        try {
            session = timeline.run(Phase.CONNECT, () -> new Session(spec, advice, timeline, on.open(spec, host, timeline::warn)));
        } catch (RuntimeException e) {
            // The connection could not even be set up (TLS material that is not PEM): nothing was touched.
            return new DeployResult(spec.app(), action, Outcome.FAILED_BEFORE_SWITCH, null, null, null, null, timeline.millis(),
                    timeline.orderedPhases(), Phase.CONNECT, e.getMessage() + "\nNothing on the server was changed.");
        }
        try (session) {
            session.heldLock = held;
            session.engine = host.host();
            session.firstHost = first;
            session.oneOfSeveralHosts = oneOfSeveral ? host.host() : null;
            DeployResult result = command.apply(session);
            Session s = session;
            s.afterTheEnd(() -> Publication.after(s, host, oneOfSeveral, null)); // it reads what the end writes
            return result;
        }
    }

    private static DeployResult refused(String action, String why) {
        return new DeployResult(null, action, Outcome.FAILED_BEFORE_SWITCH, null, null, null, null, 0, Map.of(), Phase.SPEC,
                why + " Nothing on the server was changed.");
    }

    private static String field(String name, String problem) {
        return problem == null ? null : name + ": " + problem + ".";
    }

    private static String firstProblem(String... problems) {
        for (String p : problems) {
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    /** Checks through nginx that the live color answers as expected, and that nginx and Docker agree. */
    public static VerifyResult verify(String specFile, EventListener listener) {
        return verify(new VerifyRequest(specFile, List.of()), listener);
    }

    public static VerifyResult verify(VerifyRequest request, EventListener listener) {
        return verify(request, listener, DockerEngines.INSTANCE);
    }

    static VerifyResult verify(VerifyRequest request, EventListener listener, Hosts on) {
        Timeline timeline = new Timeline(listener);
        AppSpec spec = parse(request.specFile(), request.baseDir(), request.advice());
        EventLog log = eventLog(spec, "verify", timeline, new Masking(EventListener.NONE));
        List<DockerEndpoint> hosts = hosts(spec, request.hosts());
        List<String> problems = new ArrayList<>();
        String color = null;
        for (DockerEndpoint host : hosts) {
            String prefix = hosts.size() > 1 ? host.host() + ": " : "";
            try (Session s = new Session(spec, request.advice(), timeline, on.open(spec, host, timeline::warn))) {
                List<String> unfinished = s.router.unfinished();
                if (!unfinished.isEmpty()) {
                    unfinished.forEach(u -> problems.add(prefix + u));
                    continue; // what nginx serves is about to change back: checking it now would only mislead
                }
                Optional<Route> live = s.router.current(spec.app());
                if (live.isEmpty()) {
                    problems.add(prefix + "nginx has no route for " + spec.app() + " (no " + s.router.where()
                            + "); deploy first");
                    continue;
                }
                if (color != null && !color.equals(live.get().color().word())) {
                    problems.add(prefix + "nginx routes to " + live.get().color() + ", but the first host routes to " + color
                            + ": the hosts serve different colors");
                }
                color = color == null ? live.get().color().word() : color;
                int before = problems.size();
                timeline.check(Phase.VERIFY, () -> {
                    List<String> found = new ArrayList<>();
                    Drift.of(s, live.get(), hosts.size() > 1).forEach(p -> found.add(prefix + p));
                    String failure = s.cutover.verify(live.get(), Optional.empty());
                    if (failure != null) {
                        Color liveColor = live.get().color();
                        found.add(prefix + failure + "; " + s.advice.status() + " shows what answers, and " + (s.switchable(liveColor)
                                ? s.advice.switchTo(liveColor.word()) + " routes it afresh (health-gated)" : s.instead(liveColor)));
                    }
                    return found;
                }).forEach(problems::add);
                Publication.after(s, host, hosts.size() > 1, problems.size() - before);
            }
        }
        VerifyResult result = new VerifyResult(spec.app(), color, problems, timeline.millis());
        if (log != null) {
            log.verified(result);
        }
        return result;
    }

    /** What has drifted from what the last deploy left, without sending requests through nginx. */
    public static List<String> drift(VerifyRequest request) {
        AppSpec spec = parse(request.specFile(), request.baseDir(), request.advice());
        List<DockerEndpoint> hosts = hosts(spec, request.hosts());
        List<String> problems = new ArrayList<>();
        for (DockerEndpoint host : hosts) {
            Timeline quiet = new Timeline(EventListener.NONE);
            try (Session s = new Session(spec, request.advice(), quiet, DockerEngines.INSTANCE.open(spec, host, quiet::warn))) {
                s.router.current(spec.app()).ifPresent(live ->
                        Drift.of(s, live, hosts.size() > 1).forEach(p -> problems.add((hosts.size() > 1 ? host.host() + ": " : "") + p)));
            }
        }
        return problems;
    }

    public static StatusReport status(String specFile) {
        return status(new VerifyRequest(specFile, List.of()));
    }

    /**
     * What runs on each of the app's hosts and what nginx answers there, with what is wrong in words. With several hosts,
     * one that cannot be read is a problem of the report; with one, its error is thrown.
     */
    public static StatusReport status(VerifyRequest request) {
        return status(request, DockerEngines.INSTANCE);
    }

    static StatusReport status(VerifyRequest request, Hosts on) {
        AppSpec spec = parse(request.specFile(), request.baseDir(), request.advice());
        List<DockerEndpoint> hosts = hosts(spec, request.hosts());
        boolean several = hosts.size() > 1;
        List<StatusReport.HostState> states = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (DockerEndpoint host : hosts) {
            Timeline quiet = new Timeline(EventListener.NONE);
            StatusReport.HostState state;
            try (Session s = new Session(spec, request.advice(), quiet, on.open(spec, host, quiet::warn))) {
                state = Inspection.of(s, host.host(), several);
            } catch (RuntimeException e) {
                if (!several) {
                    throw e;
                }
                state = new StatusReport.HostState(host.host(), null, null, null, null, null, null, 0, List.of(), null,
                        List.of("could not be read: " + LockedCommand.describe(e)));
            }
            states.add(state);
            state.problems().forEach(p -> problems.add(several ? host.host() + ": " + p : p));
        }
        List<String> colors = states.stream().map(StatusReport.HostState::live).filter(java.util.Objects::nonNull).distinct().toList();
        if (colors.size() > 1) {
            problems.add("the hosts serve different colors (" + states.stream().filter(h -> h.live() != null)
                    .map(h -> h.host() + ": " + h.live()).collect(java.util.stream.Collectors.joining(", ")) + ")");
        }
        StatusReport.HostState first = states.get(0);
        return new StatusReport(spec.app(), first.live(), first.endpoint(), first.image(), first.since(), first.deploy(),
                first.answering(), first.colors(), first.lockedBy(), states, problems);
    }

    /**
     * Passes the log lines of one color's container on each of the app's hosts to {@code output} (host by host; with
     * {@code follow}, all hosts at once until each container stops or the calling thread is interrupted). Changes nothing.
     *
     * @throws IllegalArgumentException naming the field ("color", "tail") when the request cannot be answered
     */
    public static void logs(LogsRequest request, ContainerOutput output) {
        String bad = LookInside.colorProblem(request.color());
        if (bad != null) {
            throw new IllegalArgumentException(bad);
        }
        AppSpec spec = parse(request.specFile(), request.baseDir(), Advice.COMMAND_LINE);
        LookInside.logs(spec, hosts(spec, request.hosts()), request, output);
    }

    /**
     * Runs a command, without a shell, in one color's container on the app's first host, passing its output on as it comes.
     * Changes nothing but what the command itself does.
     *
     * @throws IllegalArgumentException naming the field ("color", "command") when the request cannot be run
     */
    public static ExecResult exec(ExecRequest request, ContainerOutput output) {
        String bad = LookInside.colorProblem(request.color());
        if (bad == null && (request.command().isEmpty() || request.command().get(0) == null || request.command().get(0).isEmpty())) {
            bad = "command: no command given (write it after --)";
        }
        if (bad != null) {
            throw new IllegalArgumentException(bad);
        }
        AppSpec spec = parse(request.specFile(), request.baseDir(), Advice.COMMAND_LINE);
        return LookInside.exec(spec, hosts(spec, request.hosts()), request, output);
    }

    /** Who holds the app's deploy lock on each of its Docker engines (empty: free). */
    public static Map<String, Optional<LockHolder>> lockStatus(VerifyRequest request) {
        return onEachEngine(request, (docker, app) -> EngineLock.read(docker, app));
    }

    /** Removes the app's deploy lock whoever holds it (an operator's forced release); returns who held it, per engine. */
    public static Map<String, Optional<LockHolder>> releaseLock(VerifyRequest request) {
        return onEachEngine(request, (docker, app) -> EngineLock.release(docker, app));
    }

    /**
     * Removes the app's deploy lock on each of its engines only while it names {@code holder}, atomically with respect to a
     * take-over (see {@link EngineLock#releaseIf}); a lock another owner holds is left in place and reported.
     *
     * @param holder the owner the lock must name, or null to release it whoever holds it
     */
    public static Map<String, LockRelease> releaseLock(VerifyRequest request, String holder) {
        return onEachEngine(request, (docker, app) -> EngineLock.releaseIf(docker, app, holder));
    }

    private static <T> Map<String, T> onEachEngine(VerifyRequest request, java.util.function.BiFunction<Docker, String, T> work) {
        AppSpec spec = parse(request.specFile(), request.baseDir(), request.advice());
        Map<String, T> out = new java.util.LinkedHashMap<>();
        for (DockerEndpoint host : hosts(spec, request.hosts())) {
            try (Docker docker = Docker.connect(host)) {
                out.put(host.host(), work.apply(docker, spec.app()));
            }
        }
        return out;
    }

    private static AppSpec parse(String specFile, String baseDir, Advice advice) {
        AppSpec spec = SpecParser.parse(Path.of(specFile), baseDir == null ? null : Path.of(baseDir), advice);
        // Every entry point reads its spec here first: whatever it then reads or locks, this process's last change of the
        // app has written its end (the only place that waits for it).
        WriteBehind.await(spec.app());
        return spec;
    }

    /** The engines to act on: the request's (held to the spec's rules), else the spec's. */
    static List<DockerEndpoint> hosts(AppSpec spec, List<DockerEndpoint> override) {
        if (override.isEmpty()) {
            return spec.hosts();
        }
        dev.protostar.core.spec.DockerHosts.check(override, spec.router().inContainer());
        return override;
    }

    public static List<HistoryEntry> history(String specFile, int limit) {
        return history(new VerifyRequest(specFile, List.of()), limit, EventListener.NONE);
    }

    /**
     * The newest {@code limit} deploys and switches, oldest first, from the history each of the app's
     * engines keeps (with several, merged by time; each entry names its engine). Damaged records are
     * skipped and reported as warnings, as is an engine that does not answer when there are several.
     */
    public static List<HistoryEntry> history(VerifyRequest request, int limit, EventListener listener) {
        AppSpec spec = parse(request.specFile(), request.baseDir(), request.advice());
        Timeline timeline = new Timeline(listener);
        List<DockerEndpoint> hosts = hosts(spec, request.hosts());
        List<HistoryEntry> all = new ArrayList<>();
        for (DockerEndpoint host : hosts) {
            try (Docker docker = Docker.connect(host)) {
                // An old history file from this machine mixes the hosts' records: it is shown (and imported) once, with the first.
                Path legacy = host.equals(hosts.get(0)) ? spec.router().stateDir() : null;
                all.addAll(new History(docker, spec.app(), legacy, timeline::warn).last(limit));
            } catch (RuntimeException e) {
                if (hosts.size() == 1) {
                    throw e;
                }
                timeline.warn(host.host() + ": " + e.getMessage());
            }
        }
        if (hosts.size() > 1) {
            all.sort(java.util.Comparator.comparing(HistoryEntry::at, java.util.Comparator.comparing(Engine::instantOrEpoch)));
        }
        return List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
    }

    /**
     * {@link #history(VerifyRequest, int, EventListener)}, each entry with whether a rollback can go back to it: it left
     * its image serving, and the image is still on every host ({@code retire.keepImages} removes older ones) or, for an
     * image from a registry, its recorded digest can be pulled where it is missing.
     */
    public static List<HistoryLine> historyLines(VerifyRequest request, int limit, EventListener listener) {
        List<HistoryEntry> entries = history(request, limit, listener);
        AppSpec spec = parse(request.specFile(), request.baseDir(), request.advice());
        List<DockerEndpoint> hosts = hosts(spec, request.hosts());
        Map<String, List<String>> missingOn = new java.util.HashMap<>();
        entries.stream().filter(HistoryEntry::servedItsImage).forEach(e -> missingOn.put(e.imageId(), new ArrayList<>()));
        for (DockerEndpoint host : hosts) {
            try (Docker docker = Docker.connect(host)) {
                Images images = new Images(docker);
                missingOn.forEach((id, missing) -> {
                    if (images.find(id).isEmpty()) {
                        missing.add(host.host());
                    }
                });
            } catch (RuntimeException e) {
                new Timeline(listener).warn(host.host() + ": could not tell which images are kept: " + e.getMessage());
                missingOn.values().forEach(missing -> missing.add(host.host() + " (not answering)"));
            }
        }
        return entries.stream().map(e -> {
            if (!e.servedItsImage()) {
                return new HistoryLine(e, false, "it never served");
            }
            List<String> missing = missingOn.get(e.imageId());
            if (missing.isEmpty()) {
                return new HistoryLine(e, true, null);
            }
            // A registry's version comes back by its digest where a host lacks it (RollbackPlan), unless pull: never.
            if (e.imageDigest() != null && spec.pull() != AppSpec.Pull.NEVER) {
                return new HistoryLine(e, true, null);
            }
            return new HistoryLine(e, false, "its image is not on " + String.join(", ", missing)
                    + " (retire.keepImages removed it, or it never ran there)");
        }).toList();
    }

    private static java.time.Instant instantOrEpoch(String at) {
        try {
            return java.time.Instant.parse(at);
        } catch (RuntimeException e) {
            return java.time.Instant.EPOCH;
        }
    }

}
