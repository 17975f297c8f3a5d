package dev.protostar.jenkins;

import dev.protostar.core.api.DockerEndpoint;
import dev.protostar.jenkins.bridge.EngineCall;
import dev.protostar.jenkins.bridge.SpecSource;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs one engine command on the agent that holds the workspace, off the Pipeline's CPS thread.
 *
 * <p>An abort does not cut the command off: it interrupts the engine on the agent, which stops at
 * its next safe point (before the switch it removes what it started; during the switch it finishes
 * or switches back; the lock is released) and reports what it did. Only then does the step end,
 * with the abort as its cause. A second abort gives up waiting.
 */
abstract class EngineExecution<T> extends SynchronousNonBlockingStepExecution<T> {
    private static final long serialVersionUID = 1L;

    private final String spec;
    private final String sharedSpec;
    private final String dockerHost;
    private final String credentialsId;
    private final String callId = UUID.randomUUID().toString();
    private transient volatile VirtualChannel channel;
    private transient volatile Throwable stopCause;

    EngineExecution(EngineStep step, StepContext context) {
        super(context);
        this.spec = step.getSpec();
        this.sharedSpec = step.getSharedSpec();
        this.dockerHost = step.getDockerHost();
        this.credentialsId = step.getCredentialsId();
    }

    protected final <R extends Serializable> R runOnAgent(EngineCall<R> call, boolean verbose) throws Exception {
        String pathProblem = SpecSource.pathProblem(spec);
        if (pathProblem != null) {
            throw new AbortException("spec: " + pathProblem);
        }
        StepContext context = getContext();
        Run<?, ?> run = context.get(Run.class);
        TaskListener listener = context.get(TaskListener.class);
        FilePath workspace = context.get(FilePath.class);
        ProtostarGlobalConfiguration config = ProtostarGlobalConfiguration.get();
        SpecSource source = config.specSource(spec, sharedSpec);
        List<DockerEndpoint> hosts = DockerHosts.resolve(dockerHost, credentialsId, run, config);
        channel = workspace.getChannel();
        if (channel == null) {
            throw new AbortException("the agent holding the workspace " + workspace.getRemote() + " is offline");
        }
        return workspace.act(new OnAgent<>(callId, source, call, hosts, listener, verbose));
    }

    /** Ends the step with the abort's cause if it was stopped; called once the engine has reported. */
    protected final void endIfStopped() throws Exception {
        Throwable cause = stopCause;
        if (cause instanceof Exception e) {
            throw e;
        }
        if (cause != null) {
            throw new AbortException("stopped: " + cause);
        }
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        VirtualChannel ch = channel;
        if (stopCause == null && ch != null) {
            stopCause = cause;
            try {
                ch.callAsync(new StopOnAgent(callId));
                getContext().get(TaskListener.class).getLogger()
                        .println("[protostar] stopping at the next safe point (abort again to stop waiting)");
                return;
            } catch (IOException e) {
                // The agent is gone; so is the engine's thread there (a closed channel interrupts it).
            }
        }
        super.stop(cause);
    }

    /** Names the deploy in the lock and the history: the build's URL, or its name without a root URL. */
    protected final String owner() throws Exception {
        String root = Jenkins.get().getRootUrl();
        Run<?, ?> run = build();
        if (root == null) {
            return run.getFullDisplayName();
        }
        return root + run.getUrl();
    }

    protected final String revision(String given) throws Exception {
        if (given != null) {
            return given;
        }
        EnvVars env = getContext().get(EnvVars.class);
        return env == null ? null : env.get("GIT_COMMIT");
    }

    protected final TaskListener listener() throws Exception {
        return getContext().get(TaskListener.class);
    }

    protected final Run<?, ?> build() throws Exception {
        return getContext().get(Run.class);
    }
}
