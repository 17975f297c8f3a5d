package dev.protostar.core.engine;

import dev.protostar.core.CrashPoint;
import dev.protostar.core.api.DockerEndpoint;
import dev.protostar.core.docker.Containers;
import dev.protostar.core.docker.Docker;
import dev.protostar.core.docker.DockerOneOffs;
import dev.protostar.core.docker.Images;
import dev.protostar.core.router.Router;
import dev.protostar.core.router.Routers;
import dev.protostar.core.spec.AppSpec;
import dev.protostar.core.state.EngineLock;
import dev.protostar.core.state.AppState;
import java.util.function.Consumer;

/** The hosts as they are: Docker engines, with the router the spec names in front of each. */
final class DockerEngines implements Hosts {
    static final Hosts INSTANCE = new DockerEngines();

    private DockerEngines() {}

    @Override
    public Host open(AppSpec spec, DockerEndpoint endpoint, Consumer<String> notices) {
        Docker docker = Docker.connect(endpoint != null ? endpoint : DockerEndpoint.of(spec.dockerHost()));
        Images images = new Images(docker);
        Router router;
        try {
            router = Routers.open(spec, docker);
        } catch (RuntimeException e) {
            docker.close();
            throw e;
        }
        AppState state = new AppState(docker, spec.app());
        return new Host(new Containers(docker, router.reach()), images, new DockerOneOffs(docker), router, EngineLock.on(docker),
                () -> state.history(spec.router().stateDir(), notices), state::journal,
                CrashPoint::reach, Clock.SYSTEM, () -> {
                    try {
                        router.finish();
                    } finally {
                        docker.close();
                    }
                });
    }
}
