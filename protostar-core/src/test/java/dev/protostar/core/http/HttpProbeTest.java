package dev.protostar.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpProbeTest {
    @Test
    void readsStatusHeadersAndChunkedBody() throws IOException {
        HttpProbe.Response r = HttpProbe.parse(("HTTP/1.1 200 OK\r\nX-Protostar-Color: green\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(200, r.status());
        assertEquals("green", r.header("x-protostar-color"));
        assertEquals("abcde", r.body());
    }

    @Test
    void anEmptyReplyIsAnError() {
        assertThrows(IOException.class, () -> HttpProbe.parse(new byte[0]));
        assertThrows(IOException.class, () -> HttpProbe.parse("SSH-2.0-x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aSilentServerTimesOut() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread accept = new Thread(() -> {
                try (Socket s = server.accept()) {
                    Thread.sleep(30_000);
                } catch (Exception ignored) {
                    // the probe gave up, as it should
                }
            });
            accept.setDaemon(true);
            accept.start();
            long t0 = System.nanoTime();
            assertThrows(IOException.class, () -> HttpProbe.get("http://127.0.0.1:" + server.getLocalPort(), "/", null, Duration.ofMillis(300)));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(true, ms < 10_000, "gave up at its 300 ms timeout, not when the server let go (30 s): took " + ms + " ms");
        }
    }
}
