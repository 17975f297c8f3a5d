// Compile-only stand-in for the JenkinsRule tests, never packaged: org.jenkins-ci.plugins.workflow:workflow-step-api, tests jar (version from bom-2.541.x)
// Signatures read from jenkinsci/workflow-step-api-plugin src/test/java/org/jenkinsci/plugins/workflow/steps/StepConfigTester.java at 0773c3c.
// Declares only what protostar-plugin's tests use; supertypes left out are named in a comment.
package org.jenkinsci.plugins.workflow.steps;

import org.jvnet.hudson.test.JenkinsRule;

public final class StepConfigTester {
    public StepConfigTester(JenkinsRule rule) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public <S extends Step> S configRoundTrip(S before) throws Exception {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
