package dev.protostar.core.engine.fake;

import dev.protostar.core.http.HttpProbe;
import dev.protostar.core.router.NetworkPath;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/** The network as the fake nginx sees it: a running container answers at its address, as its version behaves. */
final class FakePath implements NetworkPath {
    private final World world;
    private final Runner runner;

    FakePath(World world, Runner runner) {
        this.world = world;
        this.runner = runner;
    }

    @Override
    public HttpProbe.Response get(String baseUrl, String path, String hostHeader, java.util.Map<String, String> headers, Duration timeout) throws IOException {
        synchronized (world) {
            runner.check();
            world.reach(runner, "gate.probe"); // a step of the fake world only: no crash point in the engine there
            Box b = world.runningAt(baseUrl.replaceFirst("^http://", ""));
            if (b == null) {
                throw new HttpProbe.Unreachable("connection refused", null);
            }
            b.probes++;
            if (b.behaviour == Behaviour.EXITS) {
                b.exit(1);
                throw new HttpProbe.Unreachable("connection refused", null);
            }
            if (b.behaviour == Behaviour.RESTARTS_WHILE_GATED && b.probes == 1) {
                b.restarts++;
                b.startedAt = world.nextStart();
                b.exitCode = 139;
            }
            return new HttpProbe.Response(b.status(), Map.of(), "ok");
        }
    }

    @Override
    public int openConnections(String endpoint) {
        return 0;
    }
}
