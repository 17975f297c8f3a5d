// Compile-only stand-in for the JenkinsRule tests, never packaged: org.jenkins-ci.plugins.workflow:workflow-job (version from bom-2.541.x)
// Signatures read from jenkinsci/workflow-job-plugin src/main/java/org/jenkinsci/plugins/workflow/job/WorkflowRun.java at cef6baef.
// Declares only what protostar-plugin's tests use; supertypes left out are named in a comment.
package org.jenkinsci.plugins.workflow.job;

import hudson.model.Queue;
import hudson.model.Run;
import hudson.security.ACL;
import java.io.IOException;
import org.kohsuke.stapler.HttpResponse;

// Real: ... extends Run<WorkflowJob, WorkflowRun> implements FlowExecutionOwner.Executable (a Queue.Executable),
// LazyBuildMixIn.LazyLoadingRun<WorkflowJob, WorkflowRun>, ...
public final class WorkflowRun extends Run<WorkflowJob, WorkflowRun> implements Queue.Executable {
    // Real: also public WorkflowRun(WorkflowJob job, File dir) throws IOException.
    public WorkflowRun(WorkflowJob job) throws IOException {
        super(job);
    }

    public org.jenkinsci.plugins.workflow.flow.FlowExecution getExecution() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public HttpResponse doStop() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public void run() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public int compareTo(WorkflowRun o) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public ACL getACL() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
