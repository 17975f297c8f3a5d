package dev.protostar.jenkins;

import dev.protostar.core.api.DockerEndpoint;
import dev.protostar.jenkins.bridge.EngineCall;
import dev.protostar.jenkins.bridge.LogFormat;
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
import jenkins.agents.ControllerToAgentFileCallable;

/**
 * Runs one engine command in the workspace, on the machine that has it. Engine events go to the
 * build log through the remote listener as they happen; the result comes back as plain values.
 *
 * @param callId names the command for {@link StopOnAgent}
 * @param hosts with their TLS material; {@code DockerEndpoint#toString()} never shows it
 */
record OnAgent<R extends Serializable>(String callId, SpecSource spec, EngineCall<R> call, List<DockerEndpoint> hosts,
                                       TaskListener listener, boolean verbose) implements ControllerToAgentFileCallable<R> {
    @Override
    public R invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        PrintStream log = listener.getLogger();
        Path specFile = spec.prepare(workspace.toPath());
        try {
            return RunningCalls.run(callId, () -> call.run(specFile, hosts, event -> {
                String line = LogFormat.line(event, verbose);
                if (line != null) {
                    log.println(line);
                }
            }));
        } finally {
            SpecSource.cleanUp(specFile);
            log.flush(); // the engine's last lines come before the step's own
        }
    }
}
