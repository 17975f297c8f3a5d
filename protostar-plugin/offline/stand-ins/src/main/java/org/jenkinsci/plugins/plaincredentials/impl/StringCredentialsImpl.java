// Compile-only stand-in, never packaged: org.jenkins-ci.plugins:plain-credentials (version from bom-2.541.x)
// Signatures read from jenkinsci/plain-credentials-plugin src/main/java/org/jenkinsci/plugins/plaincredentials/impl/StringCredentialsImpl.java at 19caf8f.
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package org.jenkinsci.plugins.plaincredentials.impl;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.impl.BaseStandardCredentials;
import hudson.util.Secret;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundConstructor;

// Final, as the real class. For the JenkinsRule tests.
public final class StringCredentialsImpl extends BaseStandardCredentials implements StringCredentials {
    @DataBoundConstructor
    public StringCredentialsImpl(CredentialsScope scope, String id, String description, Secret secret) {
        super(scope, id, description);
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public Secret getSecret() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
