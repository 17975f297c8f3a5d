// Compile-only stand-in, never packaged: org.jenkins-ci.plugins.workflow:workflow-step-api (version from bom-2.541.x)
// Signatures read from jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/SynchronousNonBlockingStepExecution.java at 0773c3c; jenkins-api-facts.md section 2.1.
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package org.jenkinsci.plugins.workflow.steps;

public abstract class SynchronousNonBlockingStepExecution<T> extends StepExecution {
    protected SynchronousNonBlockingStepExecution(StepContext context) {
        super(context);
    }

    protected abstract T run() throws Exception;

    @Override
    public final boolean start() throws Exception {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public void onResume() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public String getStatus() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public boolean blocksRestart() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
