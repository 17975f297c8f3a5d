package dev.protostar.jenkins;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.Secret;
import java.util.Arrays;
import java.util.List;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code usernamePassword(credentialsId: 'db', usernameVariable: 'DB_USER', passwordVariable: 'DB_PASSWORD')}. The
 * password is secret; the username is only where the credentials mark it so ({@code isUsernameSecret}, as the
 * credentials-binding plugin's {@code UsernamePasswordMultiBinding.java} decides).
 */
public final class UsernamePasswordBinding extends CredentialBinding {
    private final String usernameVariable;
    private final String passwordVariable;

    @DataBoundConstructor
    public UsernamePasswordBinding(String usernameVariable, String passwordVariable, String credentialsId) {
        super(credentialsId);
        this.usernameVariable = Util.fixEmptyAndTrim(usernameVariable);
        this.passwordVariable = Util.fixEmptyAndTrim(passwordVariable);
    }

    public String getUsernameVariable() {
        return usernameVariable;
    }

    public String getPasswordVariable() {
        return passwordVariable;
    }

    @Override
    List<String> variables() {
        return Arrays.asList(usernameVariable, passwordVariable);
    }

    @Override
    Class<? extends StandardCredentials> type() {
        return StandardUsernamePasswordCredentials.class;
    }

    @Override
    String kind() {
        return Messages.UsernamePasswordBinding_DisplayName();
    }

    @Override
    String symbol() {
        return "usernamePassword";
    }

    @Override
    void bind(StandardCredentials c, Values into) {
        StandardUsernamePasswordCredentials up = (StandardUsernamePasswordCredentials) c;
        if (up.isUsernameSecret()) {
            into.secret(usernameVariable, up.getUsername());
        } else {
            into.plain(usernameVariable, up.getUsername());
        }
        into.secret(passwordVariable, Secret.toString(up.getPassword()));
    }

    @Extension
    @Symbol("usernamePassword")
    public static final class DescriptorImpl extends DescriptorBase {
        @Override
        protected Class<? extends StandardCredentials> type() {
            return StandardUsernamePasswordCredentials.class;
        }

        @Override
        public String getDisplayName() {
            return Messages.UsernamePasswordBinding_DisplayName();
        }

        @POST
        public FormValidation doCheckUsernameVariable(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.mayConfigure(item) ? Forms.check(variableProblem(value)) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckPasswordVariable(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.mayConfigure(item) ? Forms.check(variableProblem(value)) : FormValidation.ok();
        }
    }
}
