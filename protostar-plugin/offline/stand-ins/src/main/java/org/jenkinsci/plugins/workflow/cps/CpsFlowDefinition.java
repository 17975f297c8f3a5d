// Compile-only stand-in for the JenkinsRule tests, never packaged: org.jenkins-ci.plugins.workflow:workflow-cps and its tests jar (version from bom-2.541.x)
// Signatures read from jenkinsci/workflow-cps-plugin plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/CpsFlowDefinition.java at e007b7ff.
// Declares only what protostar-plugin's tests use; supertypes left out are named in a comment.
package org.jenkinsci.plugins.workflow.cps;

import hudson.model.Descriptor;
import org.jenkinsci.plugins.workflow.flow.FlowDefinition;

public class CpsFlowDefinition extends FlowDefinition {
    @Deprecated
    public CpsFlowDefinition(String script) throws Descriptor.FormException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public CpsFlowDefinition(String script, boolean sandbox) throws Descriptor.FormException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
