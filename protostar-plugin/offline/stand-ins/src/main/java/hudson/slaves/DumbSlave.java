// Compile-only stand-in for the JenkinsRule tests, never packaged: org.jenkins-ci.main:jenkins-core:2.541.3
// Signatures read from jenkinsci/jenkins core/src/main/java/hudson/slaves/DumbSlave.java at tag jenkins-2.541.3.
// Declares only what protostar-plugin's tests use; supertypes left out are named in a comment.
package hudson.slaves;

// Real: public final class DumbSlave extends Slave
// Real: public final class DumbSlave extends Slave (a Node), where toComputer is declared (final).
public final class DumbSlave {
    private DumbSlave() {}

    public hudson.model.Computer toComputer() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
