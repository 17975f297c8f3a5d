package dev.protostar.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the non-retrying client counts, against a server on 127.0.0.1 that closes connections on cue. */
class NoRetryClientTest {
    /** Reads one request's head (up to the empty line); false at an end of stream. */
    private static boolean readRequest(InputStream in) throws IOException {
        int matched = 0;
        for (int i = 0; i < 65_536; i++) {
            int c = in.read();
            if (c < 0) {
                return false;
            }
            matched = (c == '\r' && matched % 2 == 0) || (c == '\n' && matched % 2 == 1) ? matched + 1 : 0;
            if (matched == 4) {
                return true;
            }
        }
        throw new IOException("request head too long");
    }

    private static void write(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Test
    void countsAnIdleCloseAnAnswerlessCloseAndEachNewConnectionNeverRetrying() throws Exception {
        CountDownLatch firstClosed = new CountDownLatch(1);
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(10_000);
            Thread t = new Thread(() -> {
                try {
                    try (Socket a = server.accept()) { // answers once, then closes the idle connection
                        a.setSoTimeout(10_000);
                        readRequest(a.getInputStream());
                        write(a, "HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\nv1 blue\n");
                    }
                    firstClosed.countDown();
                    try (Socket b = server.accept()) { // a chunked answer, then one that says Connection: close
                        b.setSoTimeout(10_000);
                        readRequest(b.getInputStream());
                        write(b, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n9\r\nv1 green\n\r\n0\r\n\r\n");
                        readRequest(b.getInputStream());
                        write(b, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 9\r\n\r\nv1 green\n");
                    }
                    try (Socket c = server.accept()) { // reads the request and closes without an answer
                        c.setSoTimeout(10_000);
                        readRequest(c.getInputStream());
                    }
                } catch (IOException e) {
                    // the assertions below tell
                }
            }, "test-server");
            t.setDaemon(true);
            t.start();
            try (NoRetryClient client = new NoRetryClient("127.0.0.1", server.getLocalPort(), new Recorder(), Duration.ofSeconds(5))) {
                Request r1 = client.request("/");
                assertEquals(NoRetryClient.NEW_CONNECTION, r1.client());
                assertEquals("blue", r1.color());
                assertTrue(firstClosed.await(10, TimeUnit.SECONDS));
                Thread.sleep(100); // the FIN arrives
                Request r2 = client.request("/");
                assertEquals(NoRetryClient.CLIENT, r2.client());
                assertTrue(r2.failed());
                assertTrue(r2.error().startsWith(NoRetryClient.CLOSED_IDLE), r2.error());
                Request r3 = client.request("/");
                assertEquals(NoRetryClient.NEW_CONNECTION, r3.client());
                assertEquals("green", r3.color());
                assertNull(r3.error());
                Request r4 = client.request("/");
                assertEquals(NoRetryClient.CLIENT, r4.client());
                assertEquals("green", r4.color());
                Request r5 = client.request("/"); // the answer before said Connection: close
                assertEquals(NoRetryClient.NEW_CONNECTION, r5.client());
                assertTrue(r5.failed());
                assertTrue(r5.error().startsWith(NoRetryClient.CLOSED_BEFORE_ANSWER) || r5.error().startsWith(NoRetryClient.RESET),
                        r5.error());
            }
            t.join(10_000);
        }
    }
}
