// Compile-only stand-in for the JenkinsRule tests, never packaged: org.jenkins-ci.plugins.workflow:workflow-job (version from bom-2.541.x)
// Signatures read from jenkinsci/workflow-job-plugin src/main/java/org/jenkinsci/plugins/workflow/job/WorkflowJob.java at cef6baef.
// Declares only what protostar-plugin's tests use; supertypes left out are named in a comment.
package org.jenkinsci.plugins.workflow.job;

import hudson.model.Action;
import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.model.TopLevelItem;
import hudson.model.queue.QueueTaskFuture;
import hudson.security.ACL;
import org.jenkinsci.plugins.workflow.flow.FlowDefinition;

// Real: ... extends Job<WorkflowJob, WorkflowRun> implements LazyBuildMixIn.LazyLoadingJob<WorkflowJob, WorkflowRun>,
// ParameterizedJobMixIn.ParameterizedJob<WorkflowJob, WorkflowRun>, TopLevelItem, Queue.FlyweightTask, ...
// (scheduleBuild2 is ParameterizedJob's default method, declared here)
public final class WorkflowJob extends Job<WorkflowJob, WorkflowRun> implements TopLevelItem {
    public WorkflowJob(ItemGroup parent, String name) {
        super(parent, name);
    }

    public void setDefinition(FlowDefinition definition) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public QueueTaskFuture<WorkflowRun> scheduleBuild2(int quietPeriod, Action... actions) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public WorkflowRun getLastBuild() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public ACL getACL() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
