package dev.protostar.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.http.HttpProbe;
import dev.protostar.core.router.NetworkPath;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DrainTest {
    private static final NetworkPath HOST = NetworkPath.host();

    @Test
    void waitsWhileAConnectionToTheOldColorIsOpenAndEndsWhenItCloses() throws Exception {
        try (ServerSocket old = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            String endpoint = "127.0.0.1:" + old.getLocalPort();
            Socket inFlight = new Socket(InetAddress.getLoopbackAddress(), old.getLocalPort());
            Socket accepted = old.accept();
            assertEquals(1, HOST.openConnections(endpoint));
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
            Duration waited = Drain.await(HOST, endpoint, Duration.ofSeconds(10));
            assertTrue(waited.toMillis() >= 550 && waited.toMillis() < 9000, "waited " + waited.toMillis() + " ms");
            assertEquals(0, HOST.openConnections(endpoint));
            Duration idle = Drain.await(HOST, endpoint, Duration.ofSeconds(10));
            assertTrue(idle.toMillis() < 5000, "an idle color drains at once, not at the 10 s bound: " + idle.toMillis() + " ms");
        }
    }

    @Test
    void whereConnectionsCannotBeReadTheWholeDrainIsWaited() throws Exception {
        NetworkPath unknown = new NetworkPath() {
            @Override
            public HttpProbe.Response get(String baseUrl, String path, String hostHeader, java.util.Map<String, String> headers, Duration timeout) {
                throw new UnsupportedOperationException();
            }

            @Override
            public int openConnections(String endpoint) {
                return -1;
            }
        };
        Duration waited = Drain.await(unknown, "127.0.0.1:1", Duration.ofMillis(300));
        assertTrue(waited.toMillis() >= 300, "waited " + waited.toMillis() + " ms");
    }
}
