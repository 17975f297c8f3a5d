// Compile-only stand-in for the JenkinsRule tests, never packaged: org.jenkins-ci.main:jenkins-core:2.541.3
// Signatures read from jenkinsci/jenkins core/src/main/java/hudson/model/Label.java at tag jenkins-2.541.3.
// Declares only what protostar-plugin's tests use; supertypes left out are named in a comment.
package hudson.model;

// Real: ... extends Actionable implements Comparable<Label>, ModelObjectWithChildren
public abstract class Label extends Actionable implements Comparable<Label> {
    protected Label(String name) {}

    public static Label get(String l) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
