package dev.protostar.jenkins;

import dev.protostar.jenkins.bridge.StepValues;
import dev.protostar.jenkins.bridge.VerifyCall;
import dev.protostar.jenkins.bridge.VerifyReport;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Result;
import java.io.PrintStream;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code protostarVerify}: checks through nginx that the live color answers, and that nginx and
 * Docker agree. Each problem is named; the build fails, or with {@code unstable: true} is marked
 * unstable. Returns {@code [app, color, ok, problems]}.
 */
public final class ProtostarVerifyStep extends EngineStep {
    private boolean unstable;

    @DataBoundConstructor
    public ProtostarVerifyStep() {}

    /** Mark the build unstable instead of failing it when drift is found. */
    public boolean isUnstable() {
        return unstable;
    }

    @DataBoundSetter
    public void setUnstable(boolean unstable) {
        this.unstable = unstable;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    @Extension
    public static final class DescriptorImpl extends EngineStepDescriptor {
        @Override
        public String getFunctionName() {
            return "protostarVerify";
        }

        @Override
        public String getDisplayName() {
            return Messages.ProtostarVerifyStep_DisplayName();
        }

        /** The step's own flow node too: with {@code unstable: true}, drift marks it, as the {@code unstable} step does. */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            Set<Class<?>> context = new HashSet<>(super.getRequiredContext());
            context.add(FlowNode.class);
            return Collections.unmodifiableSet(context);
        }
    }

    private static final class Execution extends EngineExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;

        private final boolean unstable;

        Execution(ProtostarVerifyStep step, StepContext context) {
            super(step, context);
            this.unstable = step.isUnstable();
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            VerifyReport result = runOnAgent(new VerifyCall(), false);
            endIfStopped();
            if (result.ok()) {
                listener().getLogger().println(Summary.logLine(Summary.live(result)));
                return StepValues.verify(result);
            }
            List<String> lines = Summary.problems(result);
            if (unstable) {
                PrintStream log = listener().getLogger();
                lines.forEach(l -> log.println(Summary.logLine(l)));
                // As workflow-basic-steps' UnstableStep: the stage shows as unstable, not only the build.
                getContext().get(FlowNode.class).addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(lines.get(0)));
                build().setResult(Result.UNSTABLE);
                return StepValues.verify(result);
            }
            throw new AbortException(String.join("\n", lines));
        }
    }
}
