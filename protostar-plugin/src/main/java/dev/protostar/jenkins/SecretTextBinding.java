package dev.protostar.jenkins;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.Extension;
import hudson.Util;
import hudson.util.Secret;
import java.util.Collections;
import java.util.List;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@code string(credentialsId: 'nest-redis-url', variable: 'REDIS_URL')}: secret text, as one secret variable. */
public final class SecretTextBinding extends CredentialBinding {
    private final String variable;

    @DataBoundConstructor
    public SecretTextBinding(String variable, String credentialsId) {
        super(credentialsId);
        this.variable = Util.fixEmptyAndTrim(variable);
    }

    public String getVariable() {
        return variable;
    }

    @Override
    List<String> variables() {
        return Collections.singletonList(variable);
    }

    @Override
    Class<? extends StandardCredentials> type() {
        return StringCredentials.class;
    }

    @Override
    String kind() {
        return Messages.SecretTextBinding_DisplayName();
    }

    @Override
    String symbol() {
        return "string";
    }

    @Override
    void bind(StandardCredentials c, Values into) {
        into.secret(variable, Secret.toString(((StringCredentials) c).getSecret()));
    }

    @Extension
    @Symbol("string")
    public static final class DescriptorImpl extends DescriptorBase {
        @Override
        protected Class<? extends StandardCredentials> type() {
            return StringCredentials.class;
        }

        @Override
        public String getDisplayName() {
            return Messages.SecretTextBinding_DisplayName();
        }
    }
}
