package dev.protostar.core.engine;

import dev.protostar.core.api.DeployRequest;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Event;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.StatusReport;
import dev.protostar.core.api.SwitchRequest;
import dev.protostar.core.api.VerifyRequest;
import dev.protostar.core.api.VerifyResult;
import dev.protostar.core.engine.fake.Behaviour;
import dev.protostar.core.engine.fake.World;
import dev.protostar.core.spec.AppSpec;
import dev.protostar.core.spec.SpecParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An app's spec and the fake hosts it runs on; each command runs as a process of its own, through the engine's entry points. */
final class Stage {
    static final String APP = "shop";
    private static final String SPEC = """
            port: 8080
            health: { interval: 50ms, successes: 1, deadline: 5s }
            verify: { requests: 3 }
            retire: { drain: 0s }
            """;

    final String specFile;
    final AppSpec spec;
    final Map<String, World> worlds = new LinkedHashMap<>();
    final List<Event> events = new ArrayList<>();
    /** The process the last command ran as. */
    FakeHosts last;

    private Stage(Path dir, String app, String extra, Map<String, World> worlds) throws IOException {
        this(dir, app, SPEC, extra, worlds);
    }

    private Stage(Path dir, String app, String spec, String extra, Map<String, World> worlds) throws IOException {
        Path file = dir.resolve(app + ".yml");
        Files.writeString(file, "app: " + app + "\n" + spec + extra);
        this.specFile = file.toString();
        this.spec = SpecParser.parse(file, null);
        this.worlds.putAll(worlds);
    }

    /** One host with nginx on it. */
    static Stage oneHost(Path dir) throws IOException {
        return oneHost(dir, "");
    }

    /** One host with nginx on it, and more in the spec. */
    static Stage oneHost(Path dir, String extra) throws IOException {
        String host = "unix:///var/run/docker.sock";
        return new Stage(dir, APP, extra, Map.of(host, new World(host)));
    }

    /** One host with nginx on it, where a deploy stops the color it switched away from (after the shortest drain time). */
    static Stage oneHostStoppingPrevious(Path dir) throws IOException {
        String host = "unix:///var/run/docker.sock";
        return new Stage(dir, APP, SPEC.replace("retire: { drain: 0s }", "retire: { drain: 1s, previous: stop }"), "",
                Map.of(host, new World(host)));
    }

    /** One host with nginx on it, and a health gate that waits {@code deadline} (as the spec writes it) for the app. */
    static Stage oneHostWithGateDeadline(Path dir, String deadline) throws IOException {
        String host = "unix:///var/run/docker.sock";
        return new Stage(dir, APP, SPEC.replace("deadline: 5s", "deadline: " + deadline), "", Map.of(host, new World(host)));
    }

    /** One host with nginx on it, and a health gate that takes {@code successes} passing checks in a row. */
    static Stage oneHostWithSuccesses(Path dir, int successes) throws IOException {
        String host = "unix:///var/run/docker.sock";
        return new Stage(dir, APP, SPEC.replace("successes: 1", "successes: " + successes), "", Map.of(host, new World(host)));
    }

    /**
     * v1 and then v2 deployed (each gated by {@code successes} passing checks in a row), both healthy: v2 live, v1 the
     * previous color, still running; the events so far cleared.
     */
    static Stage twoVersions(Path dir, int successes) throws IOException {
        Stage stage = oneHostWithSuccesses(dir, successes);
        stage.world().image("shop:v1", Behaviour.HEALTHY).image("shop:v2", Behaviour.HEALTHY);
        for (String v : List.of("shop:v1", "shop:v2")) {
            DeployResult r = stage.deploy(v);
            if (r.outcome() != Outcome.SUCCEEDED) {
                throw new AssertionError(v + ": " + r.error());
            }
        }
        stage.events.clear();
        return stage;
    }

    /** Another app on the same hosts (and nginx). */
    Stage beside(Path dir, String app) throws IOException {
        return new Stage(dir, app, "", worlds);
    }

    /** Two hosts, each with its own nginx in a container. */
    static Stage twoHosts(Path dir) throws IOException {
        return twoHosts(dir, "");
    }

    /** Two hosts, each with its own nginx in a container, and more in the spec. */
    static Stage twoHosts(Path dir, String extra) throws IOException {
        Map<String, World> worlds = new LinkedHashMap<>();
        List.of("tcp://127.0.0.1:2375", "tcp://localhost:2375").forEach(h -> worlds.put(h, new World(h)));
        return new Stage(dir, APP, """
                network: web
                router: { kind: nginx-container, container: nginx }
                docker:
                  hosts:
                    - host: tcp://127.0.0.1:2375
                    - host: tcp://localhost:2375
                """ + extra, worlds);
    }

    World world() {
        return worlds.values().iterator().next();
    }

    DeployResult deploy(String image) {
        last = new FakeHosts(worlds);
        return Engine.deploy(new DeployRequest(specFile, image, "test", null), events::add, last);
    }

    /** A deploy whose deploying process has {@code environment} (its {@code fromEnv} values, the registry's credentials). */
    DeployResult deploy(String image, Map<String, String> environment) {
        last = new FakeHosts(worlds);
        return Engine.deploy(new DeployRequest(specFile, image, "test", null, List.of(), null, environment), events::add, last);
    }

    DeployResult switchTo(String color) {
        last = new FakeHosts(worlds);
        return Engine.switchTo(new SwitchRequest(specFile, color, "test"), events::add, last);
    }

    DeployResult rollback(String to) {
        last = new FakeHosts(worlds);
        return Engine.rollback(new dev.protostar.core.api.RollbackRequest(specFile, to, "test"), events::add, last);
    }

    VerifyResult verify() {
        last = new FakeHosts(worlds);
        return Engine.verify(new VerifyRequest(specFile, List.of()), events::add, last);
    }

    StatusReport status() {
        last = new FakeHosts(worlds);
        return Engine.status(new VerifyRequest(specFile, List.of()), last);
    }

    String warnings() {
        return events.stream().filter(e -> e.kind() == Event.Kind.WARNING).map(Event::message).reduce("", (a, b) -> a + b + "\n");
    }
}
