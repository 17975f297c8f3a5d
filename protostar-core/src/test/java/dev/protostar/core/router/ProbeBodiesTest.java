package dev.protostar.core.router;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.protostar.core.docker.Exec;
import dev.protostar.core.http.HttpProbe;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bodies as apps really send them (chunked with a character split across chunks, gzip, both), read on
 * every probe path: the probe on this machine, and the curl and busybox wget that run inside an nginx
 * container (run here as processes with the very argv the container gets, their output read the same way).
 */
class ProbeBodiesTest {
    private static final String BODY = "{\"status\":\"ok\",\"name\":\"Grüße aus Köln – 東京 ✓\"}";
    private static HttpServer server;
    private static String base;

    @BeforeAll
    static void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.createContext("/chunked", x -> reply(x, false, true));
        server.createContext("/gzip", x -> reply(x, true, false));
        server.createContext("/gzip-chunked", x -> reply(x, true, true));
        server.createContext("/plain", x -> reply(x, false, false));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static void reply(HttpExchange x, boolean gzip, boolean chunked) throws IOException {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        if (gzip) {
            ByteArrayOutputStream z = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(z)) {
                out.write(body);
            }
            body = z.toByteArray();
            x.getResponseHeaders().add("Content-Encoding", "gzip");
        }
        x.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        x.getResponseHeaders().add("X-Protostar-Color", "green");
        x.sendResponseHeaders(200, chunked ? 0 : body.length);
        try (OutputStream out = x.getResponseBody()) {
            if (chunked) {
                // one byte per chunk for the first part: the 'ü' of "Grüße" is cut in two
                int split = BODY.indexOf('ü') + 1;
                for (int i = 0; i < Math.min(split, body.length); i++) {
                    out.write(body[i]);
                    out.flush();
                }
                out.write(body, Math.min(split, body.length), body.length - Math.min(split, body.length));
            } else {
                out.write(body);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/plain", "/chunked", "/gzip", "/gzip-chunked"})
    void theHostProbeReadsTheWholeBody(String path) throws IOException {
        HttpProbe.Response r = HttpProbe.get(base, path, null, Duration.ofSeconds(10));
        assertEquals(200, r.status());
        assertEquals("green", r.header("X-Protostar-Color"));
        assertEquals(BODY, r.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/plain", "/chunked", "/gzip", "/gzip-chunked"})
    void curlInTheNginxContainerReadsTheWholeBody(String path) throws Exception {
        Exec.Result out = run(ContainerPath.command("curl", false, false, base + path, null, Duration.ofSeconds(10)));
        HttpProbe.Response r = ContainerPath.fromCurl(base + path, out);
        assertEquals(200, r.status());
        assertEquals("green", r.header("X-Protostar-Color"));
        assertEquals(BODY, r.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/plain", "/chunked", "/gzip", "/gzip-chunked"})
    void busyboxWgetInTheNginxContainerReadsTheWholeBody(String path) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("busybox"));
        // Debian's static busybox crashes on wget -T (see ContainerPath): the argv without it, as the router then sends
        cmd.addAll(ContainerPath.command("wget", true, true, base + path, null, Duration.ofSeconds(10)));
        Exec.Result out = run(cmd);
        HttpProbe.Response r = ContainerPath.fromWget(base + path, out);
        assertEquals(200, r.status());
        assertEquals("green", r.header("X-Protostar-Color"));
        assertEquals(BODY, r.body());
    }

    private static Exec.Result run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread drain = new Thread(() -> {
            try {
                p.getErrorStream().transferTo(err);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        drain.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(cmd + " did not finish");
        }
        drain.join(10_000);
        return new Exec.Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), out);
    }
}
