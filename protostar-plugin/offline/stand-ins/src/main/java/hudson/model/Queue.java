// Compile-only stand-in, never packaged: org.jenkins-ci.main:jenkins-core:2.541.3
// Signatures read from jenkinsci/jenkins core/src/main/java/hudson/model/Queue.java at tag jenkins-2.541.3.
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package hudson.model;

// Real: public class Queue extends ResourceController implements Saveable; only the nested Task and Executable are used.
public class Queue {
    // Real: public Queue(LoadBalancer loadBalancer). Not declared here, since their parameter types are not stood in for; this
    // private constructor only takes away the implicit public no-argument one, which the real class lacks.
    private Queue() {}

    // Real: extends FullyNamedModelObject, SubTask
    public interface Task {}

    // Real: extends Runnable, WithConsoleUrl
    public interface Executable extends Runnable {}
}
