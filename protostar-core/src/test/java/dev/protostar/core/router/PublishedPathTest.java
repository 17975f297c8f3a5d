package dev.protostar.core.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.protostar.core.http.HttpProbe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests through nginx in a container go to its published port on 127.0.0.1, everything else inside the container; a
 * published port that fails where the container's own path answers is given up for good.
 */
class PublishedPathTest {
    private static final String ROUTER = "http://127.0.0.1:8081";
    private static final Duration T = Duration.ofSeconds(5);

    private HttpServer nginx;
    private volatile boolean nginxHeaders = true;
    private volatile boolean slow;
    private final List<String> hostsSeen = new CopyOnWriteArrayList<>();
    private final Inside inside = new Inside();

    @BeforeEach
    void publishedNginx() throws IOException {
        nginx = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        nginx.createContext("/", exchange -> {
            hostsSeen.add(exchange.getRequestHeaders().getFirst("Host") + " " + exchange.getRequestHeaders().getFirst("X-Probe"));
            if (slow) {
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = "direct\n".getBytes(StandardCharsets.UTF_8);
            if (nginxHeaders) {
                exchange.getResponseHeaders().add("X-Protostar-App", "shop");
            }
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        nginx.start();
    }

    @AfterEach
    void stop() {
        nginx.stop(0);
    }

    @Test
    void requestsThroughNginxGoToThePublishedPortWithTheHostHeaderNginxWouldGetInside() throws IOException {
        AtomicInteger lookups = new AtomicInteger();
        PublishedPath path = new PublishedPath(ROUTER, inside, port -> {
            lookups.incrementAndGet();
            assertEquals(8081, port);
            return OptionalInt.of(nginx.getAddress().getPort());
        });
        HttpProbe.Response r = path.get(ROUTER, "/health", null, Map.of("X-Probe", "t0k"), T);
        assertEquals("direct\n", r.body());
        assertEquals(List.of("127.0.0.1:8081 t0k"), hostsSeen);
        path.get(ROUTER, "/health", "api.example", Map.of(), T);
        assertEquals("api.example null", hostsSeen.get(1));
        List<Object> each = path.getEach(ROUTER, "/", null, Map.of(), T, 3);
        assertEquals(3, each.stream().filter(o -> o instanceof HttpProbe.Response).count(), each.toString());
        assertEquals(5, hostsSeen.size());
        assertEquals(0, inside.calls.get(), "nothing ran inside the container");
        assertEquals(1, lookups.get(), "the published port is looked up once");
    }

    @Test
    void aColorIsStillProbedInsideTheContainerOnNginxsOwnNetworkPath() throws IOException {
        PublishedPath path = new PublishedPath(ROUTER, inside, port -> OptionalInt.of(nginx.getAddress().getPort()));
        assertEquals("inside\n", path.get("http://172.30.0.5:8080", "/health", null, Map.of(), T).body());
        path.getEach("http://172.30.0.5:8080", "/health", null, Map.of(), T, 2);
        assertEquals(3, inside.calls.get(), "one request, then two in a batch");
        assertEquals(1, inside.batches.get(), "several requests still go in one batch");
        assertTrue(hostsSeen.isEmpty());
    }

    @Test
    void withoutAPublishedPortEverythingGoesInside() throws IOException {
        PublishedPath path = new PublishedPath(ROUTER, inside, port -> OptionalInt.empty());
        path.get(ROUTER, "/", null, Map.of(), T);
        path.getEach(ROUTER, "/", null, Map.of(), T, 10);
        assertFalse(path.viaPublishedPort());
        assertEquals(1, inside.batches.get());
        assertTrue(hostsSeen.isEmpty());
    }

    @Test
    void aPublishedPortThatFailsWhereInsideAnswersIsGivenUp() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort(); // nothing listens there once it is closed
        }
        int port = closed;
        PublishedPath path = new PublishedPath(ROUTER, inside, p -> OptionalInt.of(port));
        assertTrue(path.viaPublishedPort());
        assertEquals("inside\n", path.get(ROUTER, "/", null, Map.of(), T).body());
        assertFalse(path.viaPublishedPort(), "the container's own path from now on");
        path.getEach(ROUTER, "/", null, Map.of(), T, 4);
        assertEquals(1, inside.batches.get());
    }

    @Test
    void whenNginxAnswersNeitherWayThePublishedPortIsKept() {
        int[] port = {0};
        PublishedPath path = new PublishedPath(ROUTER, inside, p -> OptionalInt.of(port[0]));
        port[0] = nginx.getAddress().getPort();
        assertTrue(path.viaPublishedPort());
        nginx.stop(0);
        inside.down = true;
        IOException e = assertThrows(IOException.class, () -> path.get(ROUTER, "/", null, Map.of(), T));
        assertTrue(e.getMessage().contains("not running"), e.getMessage());
        assertTrue(path.viaPublishedPort());
    }

    @Test
    void aContainerThatCannotProbeIsNamedAtTheFirstRequestThroughThePublishedPort() {
        inside.noClient = true;
        PublishedPath path = new PublishedPath(ROUTER, inside, p -> OptionalInt.of(nginx.getAddress().getPort()));
        assertThrows(ContainerPath.NoProbeClient.class, () -> path.get(ROUTER, "/", null, Map.of(), T));
        List<Object> each = path.getEach(ROUTER, "/", null, Map.of(), T, 2);
        assertTrue(each.stream().allMatch(o -> o instanceof ContainerPath.NoProbeClient), each.toString());
        assertTrue(hostsSeen.isEmpty(), "nothing was sent: the gate could not probe a color anyway");
    }

    @Test
    void aPortThatAnswersAProbeWithoutNginxsHeadersWhereInsideHasThemIsGivenUp() throws IOException {
        nginxHeaders = false; // a server of a Jenkins agent's own loopback on that port, say
        PublishedPath path = new PublishedPath(ROUTER, inside, p -> OptionalInt.of(nginx.getAddress().getPort()));
        assertEquals("inside\n", path.get(ROUTER, "/", null, Map.of("X-Protostar-Probe", "t0k"), T).body());
        assertFalse(path.viaPublishedPort());
        assertEquals(1, hostsSeen.size(), "asked once directly, then inside for good");
    }

    @Test
    void aPortWhoseAnswersCarryNginxsHeadersIsTrustedWithoutAskingInside() throws IOException {
        PublishedPath path = new PublishedPath(ROUTER, inside, p -> OptionalInt.of(nginx.getAddress().getPort()));
        path.get(ROUTER, "/", null, Map.of("X-Protostar-Probe", "t0k"), T);
        nginxHeaders = false; // from here on the same as inside: a 404 before the include, say; no more comparing
        path.get(ROUTER, "/", null, Map.of("X-Protostar-Probe", "t0k"), T);
        assertEquals(0, inside.calls.get());
        assertTrue(path.viaPublishedPort());
    }

    @Test
    void aSlowAnswerIsNotAskedAgainInside() {
        slow = true;
        PublishedPath path = new PublishedPath(ROUTER, inside, p -> OptionalInt.of(nginx.getAddress().getPort()));
        assertThrows(java.net.SocketTimeoutException.class, () -> path.get(ROUTER, "/", null, Map.of(), Duration.ofMillis(300)));
        assertEquals(0, inside.calls.get(), "users would not have got an answer either");
        assertTrue(path.viaPublishedPort());
    }

    @Test
    void aLookupThatFailsMeansInside() throws IOException {
        PublishedPath path = new PublishedPath(ROUTER, inside, p -> {
            throw new IllegalStateException("engine gone");
        });
        path.get(ROUTER, "/", null, Map.of(), T);
        assertEquals(1, inside.calls.get());
    }

    /** The container's own path, answering without a network. */
    private static final class Inside implements NetworkPath {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger batches = new AtomicInteger();
        volatile boolean down;
        volatile boolean noClient;

        @Override
        public void ready() throws IOException {
            if (noClient) {
                throw new ContainerPath.NoProbeClient("the nginx container has neither curl nor wget");
            }
        }

        @Override
        public HttpProbe.Response get(String baseUrl, String path, String hostHeader, Map<String, String> headers, Duration timeout)
                throws IOException {
            calls.incrementAndGet();
            if (down) {
                throw new IOException("the nginx container is not running");
            }
            return HttpProbe.parse("HTTP/1.1 200 OK\r\nX-Protostar-App: shop\r\nContent-Length: 7\r\n\r\ninside\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
        }

        @Override
        public List<Object> getEach(String baseUrl, String path, String hostHeader, Map<String, String> headers, Duration timeout,
                                    int count) {
            batches.incrementAndGet();
            return NetworkPath.super.getEach(baseUrl, path, hostHeader, headers, timeout, count);
        }

        @Override
        public int openConnections(String endpoint) {
            return 0;
        }
    }
}
