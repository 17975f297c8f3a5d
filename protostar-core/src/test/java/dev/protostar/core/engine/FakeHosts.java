package dev.protostar.core.engine;

import dev.protostar.core.api.DockerEndpoint;
import dev.protostar.core.engine.fake.FakeContainers;
import dev.protostar.core.engine.fake.FakeHistory;
import dev.protostar.core.engine.fake.FakeImages;
import dev.protostar.core.engine.fake.FakeJournal;
import dev.protostar.core.engine.fake.FakeLocks;
import dev.protostar.core.engine.fake.FakeOneOffs;
import dev.protostar.core.engine.fake.FakeRouter;
import dev.protostar.core.engine.fake.Runner;
import dev.protostar.core.engine.fake.World;
import dev.protostar.core.spec.AppSpec;
import java.util.Map;
import java.util.function.Consumer;

/** One process's way to the fake worlds, by their Docker host. */
final class FakeHosts implements Hosts {
    final Runner runner = new Runner();
    private final Clock clock = new VirtualClock();
    private final Map<String, World> worlds;

    FakeHosts(Map<String, World> worlds) {
        this.worlds = worlds;
    }

    @Override
    public Host open(AppSpec spec, DockerEndpoint endpoint, Consumer<String> notices) {
        World w = worlds.size() == 1 ? worlds.values().iterator().next() : worlds.get(endpoint.host());
        if (w == null) {
            throw new IllegalStateException("no fake world at " + endpoint.host());
        }
        return new Host(new FakeContainers(w, runner), new FakeImages(w, runner), new FakeOneOffs(w, runner), new FakeRouter(w, runner, spec), new FakeLocks(w, runner),
                () -> new FakeHistory(w, runner), () -> new FakeJournal(w, runner), step -> w.reach(runner, step), clock, () -> {});
    }
}
