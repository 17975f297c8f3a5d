// Compile-only stand-in, never packaged: org.jenkins-ci.plugins:credentials (version from bom-2.541.x)
// Signatures read from jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/impl/UsernamePasswordCredentialsImpl.java at d96751b (1502.v5c95e620ddfe).
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package com.cloudbees.plugins.credentials.impl;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Descriptor;
import hudson.util.Secret;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

// Not final, as the real class. For the JenkinsRule tests.
public class UsernamePasswordCredentialsImpl extends BaseStandardCredentials implements StandardUsernamePasswordCredentials {
    @DataBoundConstructor
    public UsernamePasswordCredentialsImpl(CredentialsScope scope, String id, String description, String username, String password)
            throws Descriptor.FormException {
        super(scope, id, description);
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public Secret getPassword() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public String getUsername() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public boolean isUsernameSecret() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @DataBoundSetter
    public void setUsernameSecret(boolean usernameSecret) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
