// Compile-only stand-in for the JenkinsRule tests, never packaged: org.jenkins-ci.main:jenkins-test-harness:2578.v44660312fd37 (plugin parent 6.2221)
// Signatures read from jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/MockAuthorizationStrategy.java at 96b52f42; jenkins-api-facts.md section 4.1.
// Declares only what protostar-plugin's tests use; supertypes left out are named in a comment.
package org.jvnet.hudson.test;

import hudson.security.AuthorizationStrategy;
import hudson.security.Permission;

public class MockAuthorizationStrategy extends AuthorizationStrategy {
    public Grant grant(Permission... permissions) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public class Grant {
        Grant(java.util.Set<Permission> permissions) {}

        public GrantOn everywhere() {
            throw new UnsupportedOperationException("compile-only stand-in");
        }

        public GrantOn onRoot() {
            throw new UnsupportedOperationException("compile-only stand-in");
        }

        public class GrantOn {
            GrantOn(String regexp) {}

            public MockAuthorizationStrategy to(String... sids) {
                throw new UnsupportedOperationException("compile-only stand-in");
            }
        }
    }
}
