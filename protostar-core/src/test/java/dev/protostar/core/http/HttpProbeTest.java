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
    void aCharacterSplitAcrossChunksStaysWhole() throws IOException {
        byte[] head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] u = "ü".getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        raw.writeBytes(head);
        raw.writeBytes(("2\r\nG" + (char) (u[0] & 0xff) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        raw.writeBytes(("2\r\n" + (char) (u[1] & 0xff) + "r\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("Gür", HttpProbe.parse(raw.toByteArray()).body());
    }

    @Test
    void aBodyInTheCharsetItNames() throws IOException {
        byte[] raw = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=ISO-8859-1\r\nContent-Length: 4\r\n\r\nK\u00f6ln")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("Köln", HttpProbe.parse(raw).body());
    }

    @Test
    void aBodyCutShortKeepsWhatArrived() throws IOException {
        HttpProbe.Response r = HttpProbe.parse("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 100\r\n\r\nstarting"
                .getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(503, r.status());
        assertEquals("starting", r.body());
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
