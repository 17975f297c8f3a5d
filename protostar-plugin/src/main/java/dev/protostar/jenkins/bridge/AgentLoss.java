package dev.protostar.jenkins.bridge;

import java.util.Set;

/**
 * Whether a step failed because the agent's connection dropped while the engine ran there. Remoting
 * then aborts the request ({@code hudson.remoting.RequestAbortedException}, a runtime exception, or a
 * closed channel, remoting {@code src/main/java/hudson/remoting/Request.java}), which would end the
 * build log in a stack trace with no word on the deploy.
 */
public final class AgentLoss {
    private static final Set<String> LOSS = Set.of("hudson.remoting.RequestAbortedException",
            "hudson.remoting.ChannelClosedException", "java.io.EOFException");

    private AgentLoss() {}

    public static boolean is(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (LOSS.contains(c.getClass().getName())) {
                return true;
            }
        }
        return false;
    }
}
