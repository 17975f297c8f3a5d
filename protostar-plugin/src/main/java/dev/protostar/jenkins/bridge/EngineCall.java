package dev.protostar.jenkins.bridge;

import dev.protostar.core.api.DockerEndpoint;
import dev.protostar.core.api.EventListener;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;

/**
 * One engine command, made on the controller and run where the workspace is. Knows the engine's
 * request types only, no Jenkins ones.
 *
 * @param <R> the engine's result, serializable so it can travel back over the agent channel
 */
public interface EngineCall<R extends Serializable> extends Serializable {
    R run(Path specFile, List<DockerEndpoint> hosts, EventListener listener);
}
