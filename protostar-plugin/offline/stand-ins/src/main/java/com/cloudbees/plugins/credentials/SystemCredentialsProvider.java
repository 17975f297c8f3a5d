// Compile-only stand-in for the JenkinsRule tests, never packaged: org.jenkins-ci.plugins:credentials (version from bom-2.541.x)
// Signatures read from jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/SystemCredentialsProvider.java at d96751b.
// Declares only what protostar-plugin's tests use; supertypes left out are named in a comment.
package com.cloudbees.plugins.credentials;

import hudson.model.AbstractDescribableImpl;
import java.io.IOException;
import java.util.List;

// Real: ... extends AbstractDescribableImpl<SystemCredentialsProvider> implements Saveable, StaplerProxy, AccessControlled
@SuppressWarnings("deprecation")
public class SystemCredentialsProvider extends AbstractDescribableImpl<SystemCredentialsProvider> {
    public static SystemCredentialsProvider getInstance() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public List<Credentials> getCredentials() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public void save() throws IOException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
