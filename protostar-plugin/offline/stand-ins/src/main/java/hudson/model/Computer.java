// Compile-only stand-in, never packaged: org.jenkins-ci.main:jenkins-core:2.541.3
// Signatures read from jenkinsci/jenkins core/src/main/java/hudson/model/Computer.java at tag jenkins-2.541.3.
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

// Real: ... extends Actionable implements AccessControlled, IComputer, ExecutorListener, DescriptorByNameOwner,
// StaplerProxy, HasWidgets
public abstract class Computer extends Actionable implements AccessControlled {
    // Real: protected Computer(Node node). Not declared here, since their parameter types are not stood in for; this
    // private constructor only takes away the implicit public no-argument one, which the real class lacks.
    private Computer() {}

    public static final Permission BUILD = null;

    public String getName() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public java.util.concurrent.Future<?> disconnect(hudson.slaves.OfflineCause cause) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
