package dev.protostar.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DrainTest {
    @Test
    void waitsWhileAConnectionToTheOldColorIsOpenAndEndsWhenItCloses() throws Exception {
        try (ServerSocket old = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            String endpoint = "127.0.0.1:" + old.getLocalPort();
            Socket inFlight = new Socket(InetAddress.getLoopbackAddress(), old.getLocalPort());
            Socket accepted = old.accept();
            assertEquals(1, Drain.openConnections(old.getLocalPort()));
            Thread closer = new Thread(() -> {
                try {
                    Thread.sleep(600);
                    inFlight.close();
                    accepted.close();
                } catch (Exception ignored) {
                    // closed either way
                }
            });
            closer.start();
            Duration waited = Drain.await(endpoint, Duration.ofSeconds(10), true);
            assertTrue(waited.toMillis() >= 550 && waited.toMillis() < 5000, "waited " + waited.toMillis() + " ms");
            assertEquals(0, Drain.openConnections(old.getLocalPort()));
            Duration idle = Drain.await(endpoint, Duration.ofSeconds(10), true);
            assertTrue(idle.toMillis() < 1000, "an idle color drains at once: " + idle.toMillis() + " ms");
        }
    }

    @Test
    void aRemoteEngineWaitsTheWholeDrain() throws Exception {
        Duration waited = Drain.await("127.0.0.1:1", Duration.ofMillis(300), false);
        assertTrue(waited.toMillis() >= 300, "waited " + waited.toMillis() + " ms");
    }
}
