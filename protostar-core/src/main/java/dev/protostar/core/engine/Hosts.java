package dev.protostar.core.engine;

import dev.protostar.core.api.DockerEndpoint;
import dev.protostar.core.spec.AppSpec;
import java.util.function.Consumer;

/** How the engine reaches an app's hosts: through Docker ({@link DockerEngines}), or a test's fake world. */
interface Hosts {
    /**
     * @param notices hears what reading the app's history skipped or imported
     */
    Host open(AppSpec spec, DockerEndpoint endpoint, Consumer<String> notices);
}
