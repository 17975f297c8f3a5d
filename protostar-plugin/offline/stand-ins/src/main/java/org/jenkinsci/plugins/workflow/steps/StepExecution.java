// Compile-only stand-in, never packaged: org.jenkins-ci.plugins.workflow:workflow-step-api (version from bom-2.541.x)
// Signatures read from jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/StepExecution.java at 0773c3c; jenkins-api-facts.md section 2.1.
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

public abstract class StepExecution implements Serializable {
    protected StepExecution(StepContext context) {}

    public StepContext getContext() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public abstract boolean start() throws Exception;

    public void stop(Throwable cause) throws Exception {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public void onResume() {}

    public String getStatus() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public boolean blocksRestart() {
        return false;
    }
}
