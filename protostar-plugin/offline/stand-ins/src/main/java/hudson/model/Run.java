// Compile-only stand-in, never packaged: org.jenkins-ci.main:jenkins-core:2.541.3
// Signatures read from jenkinsci/jenkins core/src/main/java/hudson/model/Run.java at tag jenkins-2.541.3.
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package hudson.model;

import hudson.security.AccessControlled;
import java.io.IOException;

// Real: ... extends Actionable implements ExtensionPoint, Comparable<RunT>, AccessControlled, PersistenceRoot,
// DescriptorByNameOwner, OnMaster, StaplerProxy, HistoricalBuild, WithConsoleUrl
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable
        implements hudson.ExtensionPoint, Comparable<RunT>, AccessControlled {
    // Real: also (JobT, Calendar), (JobT, long) and (JobT, File), all protected.
    protected Run(JobT job) throws IOException {}

    public Result getResult() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public void setResult(Result r) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public JobT getParent() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public int getNumber() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public RunT getPreviousBuild() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public String getUrl() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public String getFullDisplayName() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public void addAction(Action a) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public java.io.File getRootDir() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public synchronized void save() throws IOException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
