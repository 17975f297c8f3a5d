// Compile-only stand-in for the JenkinsRule tests, never packaged: org.jenkins-ci.main:jenkins-test-harness:2578.v44660312fd37 (plugin parent 6.2221)
// Signatures read from jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/junit/jupiter/BuildWatcherExtension.java at 96b52f42; jenkins-api-facts.md section 4.1.
// Declares only what protostar-plugin's tests use; supertypes left out are named in a comment.
package org.jvnet.hudson.test.junit.jupiter;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

public class BuildWatcherExtension implements BeforeAllCallback, AfterAllCallback {
    @Override
    public void beforeAll(ExtensionContext extensionContext) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public void afterAll(ExtensionContext extensionContext) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
