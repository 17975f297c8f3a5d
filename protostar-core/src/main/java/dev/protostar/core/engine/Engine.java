package dev.protostar.core.engine;

import dev.protostar.core.docker.ColorContainer;
import dev.protostar.core.docker.Docker;
import dev.protostar.core.docker.DockerEndpoint;
import dev.protostar.core.state.LockHolder;
import dev.protostar.core.router.Route;
import dev.protostar.core.spec.AppSpec;
import dev.protostar.core.spec.Color;
import dev.protostar.core.spec.SpecException;
import dev.protostar.core.spec.SpecParser;
import dev.protostar.core.state.EngineLock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's entry points. Each takes a plain request, reports {@link Event}s to a listener and
 * returns a plain result; none of them exposes Docker or I/O types, so a caller on another JVM
 * (a Jenkins agent) can use them through a serializable call.
 */
public final class Engine {
    private Engine() {}

    public static DeployResult deploy(DeployRequest request, EventListener listener) {
        return changeLive("deploy", request.specFile(), first(request.hosts()), listener, session -> new Deploy(session, request).run());
    }

    public static DeployResult switchTo(SwitchRequest request, EventListener listener) {
        String to = request.to() == null ? "previous" : request.to();
        if (!List.of("previous", "blue", "green").contains(to)) {
            return new DeployResult(null, "switch", Outcome.FAILED_BEFORE_SWITCH, null, null, null, null, 0, Map.of(),
                    Phase.SPEC, "to: must be previous, blue or green, got \"" + to + "\". Nothing on the server was changed.");
        }
        return changeLive("switch", request.specFile(), first(request.hosts()), listener, session -> new Switch(session, request).run());
    }

    private static DockerEndpoint first(List<DockerEndpoint> hosts) {
        return hosts.isEmpty() ? null : hosts.get(0);
    }

    private static DeployResult changeLive(String action, String specFile, DockerEndpoint endpoint, EventListener listener,
                                           java.util.function.Function<Session, DeployResult> command) {
        Timeline timeline = new Timeline(listener);
        AppSpec spec;
        try {
            spec = timeline.run(Phase.SPEC, () -> SpecParser.parse(Path.of(specFile)));
        } catch (SpecException e) {
            return new DeployResult(null, action, Outcome.FAILED_BEFORE_SWITCH, null, null, null, null, timeline.millis(),
                    timeline.orderedPhases(), Phase.SPEC, e.getMessage() + "\nNothing on the server was changed.");
        }
        try (Session session = new Session(spec, timeline, endpoint)) {
            return command.apply(session);
        }
    }

    /** Checks through nginx that the live color answers as expected, and that nginx and Docker agree. */
    public static VerifyResult verify(String specFile, EventListener listener) {
        return verify(new VerifyRequest(specFile, List.of()), listener);
    }

    public static VerifyResult verify(VerifyRequest request, EventListener listener) {
        Timeline timeline = new Timeline(listener);
        AppSpec spec = SpecParser.parse(Path.of(request.specFile()));
        try (Session s = new Session(spec, timeline, first(request.hosts()))) {
            List<String> problems = new ArrayList<>();
            Optional<Route> live = s.router.current(spec.app());
            if (live.isEmpty()) {
                problems.add("nginx has no route for " + spec.app() + " (no " + spec.router().includeDir().resolve(
                        dev.protostar.core.router.NginxInclude.fileName(spec.app())) + "); deploy first");
                return new VerifyResult(spec.app(), null, problems, timeline.millis());
            }
            Color color = live.get().color();
            timeline.run(Phase.VERIFY, () -> {
                s.liveContainerProblem(live.get()).ifPresent(problems::add);
                String failure = s.cutover.verify(live.get(), Optional.empty());
                if (failure != null) {
                    problems.add(failure);
                }
            });
            return new VerifyResult(spec.app(), color.word(), problems, timeline.millis());
        }
    }

    public static StatusReport status(String specFile) {
        return status(new VerifyRequest(specFile, List.of()));
    }

    public static StatusReport status(VerifyRequest request) {
        AppSpec spec = SpecParser.parse(Path.of(request.specFile()));
        try (Session s = new Session(spec, new Timeline(EventListener.NONE), first(request.hosts()))) {
            Optional<Route> live = s.router.current(spec.app());
            List<StatusReport.ColorState> colors = new ArrayList<>();
            for (Color c : Color.values()) {
                Optional<ColorContainer> found = s.containers.find(spec, c);
                boolean isLive = live.map(r -> r.color() == c).orElse(false);
                colors.add(found.map(f -> new StatusReport.ColorState(c.word(), f.name(), f.state(), f.health(), f.imageName(),
                                f.endpoint(), isLive))
                        .orElse(new StatusReport.ColorState(c.word(), spec.containerName(c), "absent", null, null, null, isLive)));
            }
            String lockedBy = EngineLock.read(s.docker, spec.app())
                    .map(LockHolder::describe).orElse(null);
            Answer a = s.cutover.ask(spec.verify().path());
            String answering = a.colorOf(spec.app()) != null ? a.colorOf(spec.app()) : a.describe();
            return live.map(r -> new StatusReport(spec.app(), r.color().word(), r.endpoint(), r.image(), r.since(), r.deployId(),
                            answering, colors, lockedBy))
                    .orElse(new StatusReport(spec.app(), null, null, null, null, null, answering, colors, lockedBy));
        }
    }

    /** Who holds the app's deploy lock on each of its Docker engines (empty: free). */
    public static Map<String, Optional<LockHolder>> lockStatus(VerifyRequest request) {
        AppSpec spec = SpecParser.parse(Path.of(request.specFile()));
        Map<String, Optional<LockHolder>> out = new java.util.LinkedHashMap<>();
        for (DockerEndpoint host : hosts(spec, request.hosts())) {
            try (Docker docker = Docker.connect(host)) {
                out.put(host.host(), EngineLock.read(docker, spec.app()));
            }
        }
        return out;
    }

    /** Removes the app's deploy lock whoever holds it (an operator's forced release); returns who held it, per engine. */
    public static Map<String, Optional<LockHolder>> releaseLock(VerifyRequest request) {
        AppSpec spec = SpecParser.parse(Path.of(request.specFile()));
        Map<String, Optional<LockHolder>> out = new java.util.LinkedHashMap<>();
        for (DockerEndpoint host : hosts(spec, request.hosts())) {
            try (Docker docker = Docker.connect(host)) {
                out.put(host.host(), EngineLock.release(docker, spec.app()));
            }
        }
        return out;
    }

    static List<DockerEndpoint> hosts(AppSpec spec, List<DockerEndpoint> override) {
        return override.isEmpty() ? spec.hosts() : override;
    }

    public static List<HistoryEntry> history(String specFile, int limit) {
        AppSpec spec = SpecParser.parse(Path.of(specFile));
        return new dev.protostar.core.state.History(spec.router().stateDir(), spec.app()).last(limit);
    }

}
