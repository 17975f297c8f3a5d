package dev.protostar.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PushgatewayTest {
    @Test
    void putsTheWholeGroupWithTheDockerHostInBase64() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int status = exchange.getRequestURI().getPath().contains("/app/bad/") ? 400 : 200;
            byte[] body = status == 400 ? "pushed metrics are invalid".getBytes(StandardCharsets.UTF_8) : new byte[0];
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            AppFacts facts = AppFacts.of("shop", "unix:///var/run/docker.sock", List.of(), null);
            Pushgateway.push(base, facts, "x 1\n");
            assertEquals("PUT /metrics/job/protostar/app/shop/docker_host@base64/dW5peDovLy92YXIvcnVuL2RvY2tlci5zb2Nr x 1\n", seen.get(0));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Pushgateway.push(base, AppFacts.of("bad", "h", List.of(), null), "x 1\n"));
            assertTrue(e.getMessage().contains("answered 400: pushed metrics are invalid"), e.getMessage());
        } finally {
            server.stop(0);
        }
    }
}
