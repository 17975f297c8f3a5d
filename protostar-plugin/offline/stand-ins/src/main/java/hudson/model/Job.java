// Compile-only stand-in, never packaged: org.jenkins-ci.main:jenkins-core:2.541.3
// Signatures read from jenkinsci/jenkins core/src/main/java/hudson/model/Job.java at tag jenkins-2.541.3.
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package hudson.model;

// Real: ... extends AbstractItem implements ExtensionPoint, StaplerOverridable, ModelObjectWithChildren, HasWidgets
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable
        implements Item, hudson.ExtensionPoint {
    protected Job(ItemGroup parent, String name) {}

    /** Real: inherited from AbstractItem. */
    public java.io.File getRootDir() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    // Real: declared in AbstractItem, which Job extends.
    public String getUrl() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public RunT getLastBuild() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public RunT getLastCompletedBuild() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
