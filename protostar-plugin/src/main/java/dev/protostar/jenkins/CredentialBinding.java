package dev.protostar.jenkins;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import dev.protostar.jenkins.bridge.BoundCredentials;
import hudson.Util;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.io.IOException;
import java.util.List;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One Jenkins credential that {@code protostarDeploy} binds to variables of the deploy's environment, where the spec's
 * {@code fromEnv} values are read: what {@code withCredentials} does, without a block around the step. Modelled on the
 * credentials-binding plugin's {@code MultiBinding.java} (the same symbols and parameter names: {@code string},
 * {@code usernamePassword}, {@code file}), but with types of its own: Pipeline's DSL leaves a symbol that is no step as
 * an uninstantiated describable (workflow-cps {@code DSL.java}, {@code invokeDescribable}), which the step's
 * {@code credentials} list instantiates by looking the symbol up among this base type's descriptors (structs
 * {@code UninstantiatedDescribable.java}, {@code instantiate}), so no binding of that plugin runs here.
 */
public abstract class CredentialBinding extends AbstractDescribableImpl<CredentialBinding> {
    private final String credentialsId;

    protected CredentialBinding(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public final String getCredentialsId() {
        return credentialsId;
    }

    /** The variables it binds, as the step names them: checked before any credentials are looked up. */
    abstract List<String> variables();

    /** The credentials type it takes. */
    abstract Class<? extends StandardCredentials> type();

    /** The binding's symbol, as a Jenkinsfile writes it, for messages. */
    abstract String symbol();

    /** What credentials it takes, in words (its descriptor's display name). */
    abstract String kind();

    /** Adds the variables' values from {@code c}, which is of {@link #type()}. */
    abstract void bind(StandardCredentials c, Values into) throws IOException;

    /** What the bindings of one step collect; see {@link BoundCredentials}. */
    interface Values {
        void secret(String variable, String value);

        void plain(String variable, String value);

        void file(String variable, BoundCredentials.SecretFile file);
    }

    /** The form methods every binding shares. */
    public abstract static class DescriptorBase extends Descriptor<CredentialBinding> {
        /** The credentials type the binding takes, for the list of credentials the form offers. */
        protected abstract Class<? extends StandardCredentials> type();

        @POST
        public FormValidation doCheckVariable(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.mayConfigure(item) ? Forms.check(variableProblem(value)) : FormValidation.ok();
        }

        static String variableProblem(String value) {
            String v = Util.fixEmptyAndTrim(value);
            return v == null || BoundCredentials.VARIABLE.matcher(v).matches() ? null : Messages.CredentialBinding_BadVariable();
        }

        /**
         * As {@link EngineStepDescriptor#doFillCredentialsIdItems}: listed only for those who may configure, the current
         * value kept, and for a job what its builds may use.
         */
        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            StandardListBoxModel model = new StandardListBoxModel();
            if (item == null ? !Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                    : !item.hasPermission(Item.EXTENDED_READ) && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
                model.includeCurrentValue(credentialsId);
                return model;
            }
            model.includeEmptyValue();
            if (item == null) {
                model.includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), type(), List.of(), CredentialsMatchers.always());
            } else {
                EngineStepDescriptor.includeUsableBy(item, model, type(), List.of());
            }
            model.includeCurrentValue(credentialsId);
            return model;
        }
    }
}
