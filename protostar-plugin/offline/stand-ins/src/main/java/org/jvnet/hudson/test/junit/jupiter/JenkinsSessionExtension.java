// Compile-only stand-in for the JenkinsRule tests, never packaged: org.jenkins-ci.main:jenkins-test-harness:2578.v44660312fd37 (plugin parent 6.2221)
// Signatures read from jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/junit/jupiter/JenkinsSessionExtension.java
// and src/main/java/org/jvnet/hudson/test/fixtures/JenkinsSessionFixture.java at 2043cf9e.
// Declares only what protostar-plugin's tests use; supertypes left out are named in a comment.
package org.jvnet.hudson.test.junit.jupiter;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.jvnet.hudson.test.JenkinsRule;

public class JenkinsSessionExtension implements BeforeEachCallback, AfterEachCallback {
    @Override
    public void beforeEach(ExtensionContext context) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    // Real: public interface Step extends JenkinsSessionFixture.Step {}, whose one method is this one.
    @FunctionalInterface
    public interface Step {
        void run(JenkinsRule r) throws Throwable;
    }

    public void then(Step s) throws Throwable {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
