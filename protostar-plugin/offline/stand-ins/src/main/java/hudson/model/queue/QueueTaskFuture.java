// Compile-only stand-in for the JenkinsRule tests, never packaged: org.jenkins-ci.main:jenkins-core:2.541.3
// Signatures read from jenkinsci/jenkins core/src/main/java/hudson/model/queue/QueueTaskFuture.java at tag jenkins-2.541.3.
// Declares only what protostar-plugin's tests use; supertypes left out are named in a comment.
package hudson.model.queue;

import hudson.model.Queue.Executable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

public interface QueueTaskFuture<R extends Executable> extends Future<R> {
    R waitForStart() throws InterruptedException, ExecutionException;
}
