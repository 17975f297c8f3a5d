// Compile-only stand-in for the JenkinsRule tests, never packaged: org.jenkins-ci.main:jenkins-test-harness:2578.v44660312fd37 (plugin parent 6.2221)
// Signatures read from jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/MockQueueItemAuthenticator.java at 96b52f42.
// Declares only what protostar-plugin's tests use; supertypes left out are named in a comment.
package org.jvnet.hudson.test;

import jenkins.security.QueueItemAuthenticator;
import org.springframework.security.core.Authentication;

public final class MockQueueItemAuthenticator extends QueueItemAuthenticator {
    public MockQueueItemAuthenticator() {}

    /** @param jobFullName {@code Item#getFullName} */
    public MockQueueItemAuthenticator authenticate(String jobFullName, Authentication authentication) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
