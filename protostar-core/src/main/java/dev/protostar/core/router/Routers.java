package dev.protostar.core.router;

import dev.protostar.core.docker.Docker;
import dev.protostar.core.spec.AppSpec;
import java.util.Map;
import java.util.function.BiFunction;

/** The router kinds by the spec's {@code router.kind}: the one place that picks an implementation. */
public final class Routers {
    private static final Map<AppSpec.Router.Kind, BiFunction<AppSpec, Docker, Router>> KINDS = Map.of(
            AppSpec.Router.Kind.NGINX_HOST, (spec, docker) -> new NginxHostRouter(spec),
            AppSpec.Router.Kind.NGINX_CONTAINER, NginxContainerRouter::new);

    private Routers() {}

    public static Router open(AppSpec spec, Docker docker) {
        return KINDS.get(spec.router().kind()).apply(spec, docker);
    }
}
