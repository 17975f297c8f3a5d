// Compile-only stand-in for the JenkinsRule tests, never packaged: org.jenkins-ci.plugins.workflow:workflow-cps and its tests jar (version from bom-2.541.x)
// Signatures read from jenkinsci/workflow-cps-plugin plugin/src/test/java/org/jenkinsci/plugins/workflow/cps/SnippetizerTester.java at e007b7ff.
// Declares only what protostar-plugin's tests use; supertypes left out are named in a comment.
package org.jenkinsci.plugins.workflow.cps;

import hudson.model.Describable;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jvnet.hudson.test.JenkinsRule;

@SuppressWarnings("rawtypes")
public class SnippetizerTester {
    public SnippetizerTester(JenkinsRule r) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public void assertRoundTrip(Step step, String expected) throws Exception {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public void assertParseStep(Step expectedStep, String script) throws Exception {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public static void assertDocGeneration(Class<? extends Describable> describableClass) throws Exception {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
