package dev.protostar.jenkins;

import dev.protostar.jenkins.bridge.BoundCredentials;
import dev.protostar.jenkins.bridge.DeployCall;
import dev.protostar.jenkins.bridge.DeployReport;
import dev.protostar.jenkins.bridge.StepValues;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code protostarDeploy}: builds the app from the workspace (or takes an existing image), starts it
 * next to the live color, gates it, switches nginx, verifies and retires the old color. Returns
 * {@code [app, color, previousColor, image, imageId, outcome, millis, duration]}. With {@code rollbackTo}, it goes back to a
 * version from the app's history instead (no build): the same cutover, of the image that version ran.
 */
public final class ProtostarDeployStep extends EngineStep {
    private String image;
    private String revision;
    private boolean verbose;
    private List<CredentialBinding> credentials;
    private String rollbackTo;
    private String registryCredentialsId;

    @DataBoundConstructor
    public ProtostarDeployStep() {}

    /** An existing image to deploy instead of building; null builds from the workspace. */
    public String getImage() {
        return image;
    }

    @DataBoundSetter
    public void setImage(String image) {
        this.image = Util.fixEmptyAndTrim(image);
    }

    /** The source revision the image is labelled with; null takes {@code GIT_COMMIT}. */
    public String getRevision() {
        return revision;
    }

    @DataBoundSetter
    public void setRevision(String revision) {
        this.revision = Util.fixEmptyAndTrim(revision);
    }

    /** Whether the image build's output goes into the build log. */
    public boolean isVerbose() {
        return verbose;
    }

    @DataBoundSetter
    public void setVerbose(boolean verbose) {
        this.verbose = verbose;
    }

    /**
     * Jenkins credentials bound to variables of the deploy's environment, as {@code withCredentials} would bind them:
     * {@code [string(...), usernamePassword(...), file(...)]}; null when there are none.
     */
    public List<CredentialBinding> getCredentials() {
        return credentials;
    }

    @DataBoundSetter
    public void setCredentials(List<CredentialBinding> credentials) {
        this.credentials = credentials == null || credentials.isEmpty() ? null : new ArrayList<>(credentials);
    }

    /** A deploy id, tag or digest from the app's history (or {@code previous}) to go back to instead of deploying; null deploys. */
    public String getRollbackTo() {
        return rollbackTo;
    }

    @DataBoundSetter
    public void setRollbackTo(String rollbackTo) {
        this.rollbackTo = Util.fixEmptyAndTrim(rollbackTo);
    }

    /**
     * A username with password (or token) for the registry the image is pulled from (or pushed to), on every host of the
     * app; null: the agent's Docker config, or {@code PROTOSTAR_REGISTRY_USERNAME}/{@code PASSWORD} from the environment.
     */
    public String getRegistryCredentialsId() {
        return registryCredentialsId;
    }

    @DataBoundSetter
    public void setRegistryCredentialsId(String registryCredentialsId) {
        this.registryCredentialsId = Util.fixEmptyAndTrim(registryCredentialsId);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    @Extension
    public static final class DescriptorImpl extends EngineStepDescriptor {
        @Override
        public String getFunctionName() {
            return "protostarDeploy";
        }

        @Override
        public String getDisplayName() {
            return Messages.ProtostarDeployStep_DisplayName();
        }

        /**
         * The usernames with password a build of the job may use, as the bindings' lists
         * ({@link CredentialBinding.DescriptorBase#doFillCredentialsIdItems}): only for those who may configure, the
         * current value kept. No domain requirement: the registry is named by the spec's image, not by the form.
         */
        @POST
        public ListBoxModel doFillRegistryCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String registryCredentialsId) {
            StandardListBoxModel model = new StandardListBoxModel();
            if (item == null ? !Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                    : !item.hasPermission(Item.EXTENDED_READ) && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
                model.includeCurrentValue(registryCredentialsId);
                return model;
            }
            model.includeEmptyValue();
            if (item == null) {
                model.includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StandardUsernamePasswordCredentials.class, List.of(),
                        CredentialsMatchers.always());
            } else {
                EngineStepDescriptor.includeUsableBy(item, model, StandardUsernamePasswordCredentials.class, List.of());
            }
            model.includeCurrentValue(registryCredentialsId);
            return model;
        }
    }

    private static final class Execution extends EngineExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;

        private final String image;
        private final String revision;
        private final boolean verbose;
        /**
         * Which credentials to bind, never their values. Transient: the Pipeline saves this execution, and only the
         * first run, never a resumed one, binds (after a restart {@code onResume} reads the outcome instead).
         */
        private final transient List<CredentialBinding> credentials;
        private final String rollbackTo;
        /** Transient for the same reason as {@link #credentials}. */
        private final transient String registryCredentialsId;

        Execution(ProtostarDeployStep step, StepContext context) {
            super(step, context);
            this.image = step.getImage();
            this.revision = step.getRevision();
            this.verbose = step.isVerbose();
            this.credentials = step.getCredentials();
            this.rollbackTo = step.getRollbackTo();
            this.registryCredentialsId = step.getRegistryCredentialsId();
        }

        @Override
        protected String historyAction() {
            return rollbackTo == null ? "deploy" : "rollback";
        }

        @Override
        protected Map<String, Object> fromHistory(DeployReport recorded) {
            return StepValues.deploy(recorded);
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            // The step's EnvVars include what withCredentials and withEnv bind (EnvironmentExpander.getEffectiveEnvironment
            // in workflow-support's DefaultStepContext.get); the agent process's own environment does not.
            EnvVars env = getContext().get(EnvVars.class);
            if (rollbackTo != null && (image != null || revision != null)) {
                throw new AbortException(Messages.ProtostarDeployStep_RollbackAlone());
            }
            RegistryCredentials.check(registryCredentialsId, credentials);
            // Looked up on the controller as the build; the values travel with the call only, to the agent's memory.
            BoundCredentials bound = CredentialBindings.resolve(credentials, build())
                    .and(RegistryCredentials.resolve(registryCredentialsId, build()));
            if (!bound.isEmpty()) {
                listener().getLogger().println(Messages.ProtostarDeployStep_Binding(String.join(", ", bound.variables())));
            }
            Map<String, String> environment = env == null ? null : new HashMap<>(env);
            DeployCall call = rollbackTo != null ? DeployCall.rollback(rollbackTo, owner(), environment, bound)
                    : new DeployCall(image, owner(), revision(revision), environment, bound);
            DeployReport result = runOnAgent(call, rollbackTo == null && verbose);
            if (result.app() != null) {
                badge(result);
            }
            listener().getLogger().println(Summary.logLine(Summary.of(result)));
            endIfStopped();
            if (!result.ok()) {
                throw new AbortException(Summary.failure(result));
            }
            return StepValues.deploy(result);
        }
    }
}
