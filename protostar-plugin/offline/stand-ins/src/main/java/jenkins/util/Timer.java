// Compile-only stand-in, never packaged: org.jenkins-ci.main:jenkins-core:2.541.3
// Signatures read from jenkinsci/jenkins core/src/main/java/jenkins/util/Timer.java at tag jenkins-2.541.3.
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package jenkins.util;

import java.util.concurrent.ScheduledExecutorService;

public class Timer {
    private Timer() {}

    public static synchronized ScheduledExecutorService get() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
