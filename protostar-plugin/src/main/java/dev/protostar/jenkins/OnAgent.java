package dev.protostar.jenkins;

import dev.protostar.jenkins.bridge.Endpoint;
import dev.protostar.jenkins.bridge.EngineCall;
import dev.protostar.jenkins.bridge.LogFormat;
import dev.protostar.jenkins.bridge.PipelineAdvice;
import dev.protostar.jenkins.bridge.RunningCalls;
import dev.protostar.jenkins.bridge.SpecSource;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import jenkins.agents.ControllerToAgentFileCallable;

/**
 * Runs one engine command in the workspace, on the machine that has it. Engine events go to the
 * build log through the remote listener as they happen, as lines of text (no engine type crosses the
 * channel); the result comes back as a plugin type (see {@link dev.protostar.jenkins.bridge.DeployReport}).
 *
 * @param callId names the command for {@link StopOnAgent}
 * @param tempDir the workspace's temporary directory ({@code WorkspaceList.tempDir}, named by the controller), where a
 *     spec with global defaults or a shared spec is written: never the workspace, which is the Docker build context
 * @param hosts with their TLS material; {@link Endpoint#toString()} never shows it
 * @param advice the engine's next-step advice in Pipeline terms
 */
record OnAgent<R extends Serializable>(String callId, SpecSource spec, String tempDir, EngineCall<R> call, List<Endpoint> hosts,
                                       TaskListener listener, boolean verbose, PipelineAdvice advice)
        implements ControllerToAgentFileCallable<R> {
    /** Made on the controller, where the Pipeline's words are read from Messages.properties. */
    OnAgent(String callId, SpecSource spec, String tempDir, EngineCall<R> call, List<Endpoint> hosts, TaskListener listener,
            boolean verbose) {
        this(callId, spec, tempDir, call, hosts, listener, verbose, PipelineWording.advice());
    }

    @Override
    public R invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        PrintStream log = listener.getLogger();
        SpecSource.Prepared prepared = spec.prepare(workspace.toPath(), Path.of(tempDir));
        UnaryOperator<String> reworded = spec.readable(prepared);
        UnaryOperator<String> masked = call.masking();
        UnaryOperator<String> words = text -> masked.apply(reworded.apply(text));
        String app = SpecSource.appOf(prepared.file());
        try {
            R result = RunningCalls.run(callId, () -> call.run(prepared.file(), prepared.base(), Path.of(tempDir),
                    hosts.stream().map(Endpoint::toEngine).toList(), advice, event -> {
                if (SpecSource.isRead(event)) {
                    prepared.cleanUp(); // read once, in the spec phase: a shared spec's text lives no longer than that
                }
                String line = LogFormat.line(event, verbose);
                if (line != null) {
                    log.println(LogFormat.named(app, words.apply(line)));
                }
            }));
            return call.reword(result, words);
        } finally {
            prepared.cleanUp();
            log.flush(); // the engine's last lines come before the step's own
        }
    }
}
