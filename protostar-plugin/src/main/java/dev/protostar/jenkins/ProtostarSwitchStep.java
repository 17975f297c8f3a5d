package dev.protostar.jenkins;

import dev.protostar.jenkins.bridge.DeployReport;
import dev.protostar.jenkins.bridge.SwitchCall;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code protostarSwitch to: 'previous'}: health-gates the target color, then switches nginx to it.
 * Returns the color that is live afterwards.
 */
public final class ProtostarSwitchStep extends EngineStep {
    static final List<String> TARGETS = List.of("previous", "blue", "green");

    private final String to;

    @DataBoundConstructor
    public ProtostarSwitchStep(String to) {
        String t = Util.fixEmptyAndTrim(to);
        this.to = t == null ? "previous" : t;
    }

    /** {@code previous}, {@code blue} or {@code green}. */
    public String getTo() {
        return to;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    @Extension
    public static final class DescriptorImpl extends EngineStepDescriptor {
        @Override
        public String getFunctionName() {
            return "protostarSwitch";
        }

        @Override
        public String getDisplayName() {
            return Messages.ProtostarSwitchStep_DisplayName();
        }

        /** The targets are no secret: whoever may see the job may see them. */
        @POST
        public ListBoxModel doFillToItems(@AncestorInPath Item item) {
            if (item == null) {
                Jenkins.get().checkPermission(Jenkins.READ);
            } else {
                item.checkPermission(Item.READ);
            }
            ListBoxModel model = new ListBoxModel();
            TARGETS.forEach(t -> model.add(t, t));
            return model;
        }

        @POST
        public FormValidation doCheckTo(@AncestorInPath Item item, @QueryParameter String value) {
            if (!Forms.mayConfigure(item)) {
                return FormValidation.ok();
            }
            return TARGETS.contains(value) ? FormValidation.ok() : FormValidation.error(Messages.ProtostarSwitchStep_BadTarget());
        }
    }

    private static final class Execution extends EngineExecution<String> {
        private static final long serialVersionUID = 1L;

        private final String to;

        Execution(ProtostarSwitchStep step, StepContext context) {
            super(step, context);
            this.to = step.getTo();
        }

        @Override
        protected String historyAction() {
            return "switch";
        }

        @Override
        protected String fromHistory(DeployReport recorded) {
            return recorded.color();
        }

        @Override
        protected String run() throws Exception {
            // The step's EnvVars, with what withCredentials binds: where a Grafana token for the switch's annotation is read.
            hudson.EnvVars env = getContext().get(hudson.EnvVars.class);
            DeployReport result = runOnAgent(new SwitchCall(to, owner(), env == null ? null : new java.util.HashMap<>(env)), false);
            if (result.app() != null) {
                badge(result);
            }
            listener().getLogger().println(Summary.logLine(Summary.of(result)));
            endIfStopped();
            if (!result.ok()) {
                throw new AbortException(Summary.failure(result));
            }
            return result.color();
        }
    }
}
