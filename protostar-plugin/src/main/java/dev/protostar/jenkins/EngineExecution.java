package dev.protostar.jenkins;

import dev.protostar.jenkins.bridge.AfterRestart;
import dev.protostar.jenkins.bridge.AgentLoss;
import dev.protostar.jenkins.bridge.BadgeModel;
import dev.protostar.jenkins.bridge.DeployReport;
import dev.protostar.jenkins.bridge.HistoryCall;
import dev.protostar.jenkins.bridge.LiveIndex;
import dev.protostar.jenkins.bridge.ResumeReport;
import dev.protostar.jenkins.bridge.Endpoint;
import dev.protostar.jenkins.bridge.EngineCall;
import dev.protostar.jenkins.bridge.SpecSource;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import hudson.slaves.WorkspaceList;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import jenkins.model.Jenkins;
import jenkins.util.Timer;
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
    /** When the step started, by the controller's clock: after a restart its record in the app's history is not older. */
    private final long startedAt = System.currentTimeMillis();
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
        return runOnAgent(callId, call, verbose);
    }

    /** @param id names the call on the agent ({@link StopOnAgent}); a call after a restart takes its own */
    private <R extends Serializable> R runOnAgent(String id, EngineCall<R> call, boolean verbose) throws Exception {
        String pathProblem = SpecSource.pathProblem(spec);
        if (pathProblem != null) {
            throw new AbortException(Messages.EngineExecution_BadSpecPath(pathProblem));
        }
        StepContext context = getContext();
        Run<?, ?> run = context.get(Run.class);
        TaskListener listener = context.get(TaskListener.class);
        FilePath workspace = context.get(FilePath.class);
        ProtostarGlobalConfiguration config = ProtostarGlobalConfiguration.get();
        // A workspace on the built-in node has no channel (FilePath(VirtualChannel, String) keeps none for a
        // LocalChannel, jenkins-core hudson/FilePath.java): the engine would run inside the controller's JVM.
        if (!workspace.isRemote() && !config.isAllowBuiltInNode()) {
            throw new AbortException(Messages.EngineExecution_BuiltInNodeRefused());
        }
        SpecSource source = config.specSource(spec, sharedSpec);
        List<Endpoint> hosts = DockerHosts.resolve(dockerHost, credentialsId, run, config);
        channel = workspace.getChannel();
        if (channel == null) {
            throw new AbortException(Messages.EngineExecution_AgentOffline(workspace.getRemote()));
        }
        // The @tmp sibling of the workspace (jenkins-core hudson/slaves/WorkspaceList.java, tempDir): a spec the step
        // writes goes there, out of the Docker build context; null only for a workspace at a file system's root.
        FilePath tempDir = WorkspaceList.tempDir(workspace);
        if (tempDir == null) {
            throw new AbortException(Messages.EngineExecution_NoTempDir(workspace.getRemote()));
        }
        try {
            return workspace.act(new OnAgent<>(id, source, tempDir.getRemote(), call, hosts, listener, verbose));
        } catch (IOException | RuntimeException e) {
            if (AgentLoss.is(e)) {
                throw new AbortException(Messages.EngineExecution_AgentLost(nodeName()));
            }
            throw e;
        }
    }

    /** Ends the step with the abort's cause if it was stopped; called once the engine has reported. */
    protected final void endIfStopped() throws Exception {
        Throwable cause = stopCause;
        if (cause instanceof Exception e) {
            throw e;
        }
        if (cause != null) {
            throw new AbortException(Messages.EngineExecution_Stopped(cause));
        }
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        VirtualChannel ch = channel;
        if (stopCause == null && ch != null) {
            stopCause = cause;
            getContext().get(TaskListener.class).getLogger()
                    .println(Messages.EngineExecution_Stopping());
            // stop() runs on the Pipeline's CPS VM thread: the send to the agent goes to a pool thread, so that a
            // congested channel cannot hold up the Pipeline.
            Timer.get().submit(() -> tellAgentToStop(ch));
            return;
        }
        super.stop(cause);
    }

    private void tellAgentToStop(VirtualChannel ch) {
        try {
            ch.call(new StopOnAgent(callId));
        } catch (IOException | InterruptedException | RuntimeException e) {
            // The agent is gone; so is the engine's thread there (a closed channel interrupts it), and the call fails.
        }
    }

    /** What the step records in the app's history ({@code deploy}, {@code switch}), or null when it records nothing. */
    protected String historyAction() {
        return null;
    }

    /** The step's value for the outcome its engine recorded, read after a controller restart. */
    protected T fromHistory(DeployReport recorded) throws Exception {
        throw new AbortException(Messages.EngineExecution_RestartedNoOutcome());
    }

    /**
     * After a controller restart, the step's thread is gone (workflow-step-api
     * {@code SynchronousNonBlockingStepExecution.java}: its {@code onResume} fails the step), while the engine on the agent
     * went on: losing the channel interrupts it and it stops at its next safe point, finishes its switch or switches back,
     * and records the outcome in the app's history on its Docker engine. Instead of failing, the step reads that record
     * through the agent and reports it, with its badge. workflow-api {@code FlowExecutionList.java} (ParallelResumer) calls
     * this on a {@code jenkins.util.Timer} thread once the enclosing {@code node} block has resumed; the reading goes to
     * another pool task, so that other steps resume meanwhile.
     */
    @Override
    public void onResume() {
        Timer.get().submit(() -> resume(0));
    }

    private void resume(int attempt) {
        StepContext context = getContext();
        try {
            String action = historyAction();
            if (action == null) {
                throw new AbortException(Messages.EngineExecution_RestartedNoOutcome());
            }
            if (attempt == 0) {
                listener().getLogger().println(Messages.EngineExecution_Restarted());
            }
            ResumeReport read = readHistory(action);
            AfterRestart.Verdict verdict = AfterRestart.verdict(read);
            if (AfterRestart.lookAgain(verdict, attempt)) {
                Timer.get().schedule(() -> resume(attempt + 1), AfterRestart.WAIT_MILLIS, TimeUnit.MILLISECONDS);
                return;
            }
            context.onSuccess(conclude(verdict, read, attempt));
        } catch (Throwable t) {
            context.onFailure(t);
        }
    }

    /** The agent may not be back yet after the restart: that, like a failed call, is a problem to look at again. */
    private ResumeReport readHistory(String action) throws Exception {
        try {
            FilePath workspace = getContext().get(FilePath.class);
            if (workspace == null || workspace.getChannel() == null) {
                return new ResumeReport(null, false, Messages.EngineExecution_AgentNotBack());
            }
            // its own call id: the engine this step started may still run on the agent under the step's
            return runOnAgent(UUID.randomUUID().toString(), new HistoryCall(owner(), action, startedAt), false);
        } catch (IOException | RuntimeException e) {
            return new ResumeReport(null, false, String.valueOf(e.getMessage()));
        }
    }

    private T conclude(AfterRestart.Verdict verdict, ResumeReport read, int attempt) throws Exception {
        long waited = attempt * AfterRestart.WAIT_MILLIS / 1000;
        switch (verdict) {
            case RECORDED -> {
                DeployReport found = read.found();
                badge(found);
                listener().getLogger().println(Messages.EngineExecution_RestartedRecorded(Summary.of(found)));
                if (!found.ok()) {
                    throw new AbortException(Summary.failure(found));
                }
                return fromHistory(found);
            }
            case STILL_RUNNING -> throw new AbortException(Messages.EngineExecution_RestartedStillRunning(waited));
            case NOT_RECORDED -> throw new AbortException(Messages.EngineExecution_RestartedNotRecorded());
            default -> throw new AbortException(Messages.EngineExecution_RestartedUnreadable(read.problem(), waited));
        }
    }

    /** The build's badge for what a deploy or switch did, naming the Docker engine it acted on. */
    protected final void badge(DeployReport result) throws Exception {
        hudson.model.Computer c = getContext().get(hudson.model.Computer.class);
        ProtostarBadgeAction.attach(build(), BadgeModel.of(result), LiveIndex.engineId(result.endpoint(), c == null ? null : c.getName()));
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

    private String nodeName() {
        try {
            hudson.model.Computer c = getContext().get(hudson.model.Computer.class);
            return c == null || c.getName().isEmpty() ? Messages.EngineExecution_TheAgent() : Messages.EngineExecution_Agent(c.getName());
        } catch (IOException | InterruptedException | RuntimeException e) {
            return Messages.EngineExecution_TheAgent();
        }
    }

    protected final TaskListener listener() throws Exception {
        return getContext().get(TaskListener.class);
    }

    protected final Run<?, ?> build() throws Exception {
        return getContext().get(Run.class);
    }
}
