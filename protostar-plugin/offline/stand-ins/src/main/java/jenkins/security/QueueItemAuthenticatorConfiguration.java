// Compile-only stand-in for the JenkinsRule tests, never packaged: org.jenkins-ci.main:jenkins-core:2.541.3
// Signatures read from jenkinsci/jenkins core/src/main/java/jenkins/security/QueueItemAuthenticatorConfiguration.java at tag jenkins-2.541.3.
// Declares only what protostar-plugin's tests use; supertypes left out are named in a comment.
package jenkins.security;

import hudson.util.DescribableList;
import jenkins.model.GlobalConfiguration;

// Real: @Extension @Symbol("queueItemAuthenticator") ... extends GlobalConfiguration implements PersistentDescriptor
public class QueueItemAuthenticatorConfiguration extends GlobalConfiguration {
    public DescribableList<QueueItemAuthenticator, QueueItemAuthenticatorDescriptor> getAuthenticators() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public static QueueItemAuthenticatorConfiguration get() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
