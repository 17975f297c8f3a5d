// Compile-only stand-in, never packaged: org.jenkins-ci.main:remoting:3352.v17a_fb_4b_2773f (jenkins-core 2.541.3)
// Signatures read from jenkinsci/remoting src/main/java/hudson/remoting/VirtualChannel.java at fa5f12a8.
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package hudson.remoting;

import java.io.IOException;

public interface VirtualChannel {
    <V, T extends Throwable> V call(Callable<V, T> callable) throws IOException, T, InterruptedException;

    <V, T extends Throwable> Future<V> callAsync(final Callable<V, T> callable) throws IOException;

    void close() throws IOException;
}
