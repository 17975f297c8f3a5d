package dev.protostar.jenkins.bridge;

import dev.protostar.core.api.Advice;
import dev.protostar.core.api.DockerEndpoint;
import dev.protostar.core.api.EventListener;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One engine command, made on the controller and run where the workspace is. It takes the engine's
 * types on the agent, and answers with a plugin type ({@link DeployReport}, {@link VerifyReport}):
 * the controller's class filter refuses the engine's own classes.
 *
 * @param <R> what goes back over the agent channel
 */
public interface EngineCall<R extends Serializable> extends Serializable {
    /**
     * @param baseDir where the spec's relative paths start from when that is not the spec file's directory (a
     *     spec the step wrote to the workspace's temporary directory), or null
     * @param advice the engine's words for what to do next, in Pipeline terms
     */
    R run(Path specFile, String baseDir, List<DockerEndpoint> hosts, Advice advice, EventListener listener);

    /**
     * As {@link #run(Path, String, List, Advice, EventListener)}, for a call that writes files of its own where it runs (a
     * secret file of bound credentials) and removes them before it returns.
     *
     * @param tempDir the workspace's temporary directory on the machine where the engine runs
     */
    default R run(Path specFile, String baseDir, Path tempDir, List<DockerEndpoint> hosts, Advice advice, EventListener listener) {
        return run(specFile, baseDir, hosts, advice, listener);
    }

    /** Masks the secrets the call carries in a text about to be shown; the engine masks what it read itself. */
    default UnaryOperator<String> masking() {
        return UnaryOperator.identity();
    }

    /** The result with each text it holds passed through {@code words} (see {@link SpecSource#readable}). */
    R reword(R result, UnaryOperator<String> words);
}
