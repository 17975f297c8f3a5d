package dev.protostar.jenkins.bridge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A lost agent connection is told from other failures, and said in words. */
class AgentLossTest {
    /** Stands in for remoting's exception, which is matched by name (the plugin does not compile against remoting's). */
    private static final class RequestAbortedException extends RuntimeException {
        RequestAbortedException(Throwable cause) {
            super(cause);
        }
    }

    @Test
    void aClosedChannelIsALoss() {
        assertTrue(AgentLoss.is(new IOException("remote call failed", new EOFException())));
        assertFalse(AgentLoss.is(new RequestAbortedException(null)), "matched by remoting's own class name only");
        assertFalse(AgentLoss.is(new IOException("spec: no such file")));
        assertFalse(AgentLoss.is(new IllegalStateException("x")));
    }
}
