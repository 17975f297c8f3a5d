package dev.protostar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.protostar.cli.demo.LocalNginx;
import dev.protostar.core.http.HttpProbe;
import dev.protostar.core.router.Answer;
import dev.protostar.core.router.NginxHostRouter;
import dev.protostar.core.router.NginxInclude;
import dev.protostar.core.router.Route;
import dev.protostar.core.spec.AppSpec;
import dev.protostar.core.spec.Color;
import dev.protostar.core.spec.SpecParser;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real nginx tells which app, color and container answered only to the engine's own probes: a public
 * request gets none of the X-Protostar headers (the container's internal address stays internal), and the
 * app never sees the probe's token.
 */
class ProbeHeadersTest {
    @TempDir
    Path tmp;

    @Test
    void onlyTheEnginesProbesLearnWhoAnswered() throws Exception {
        List<String> seenByApp = new CopyOnWriteArrayList<>();
        HttpServer app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        app.createContext("/", x -> {
            x.getRequestHeaders().forEach((name, values) -> seenByApp.add(name.toLowerCase() + ": " + values));
            byte[] body = "v1 blue".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        app.start();
        int port = Fixture.freePort();
        LocalNginx nginx = new LocalNginx(tmp.resolve("nginx"), Fixture.freePort());
        nginx.start();
        try {
            AppSpec spec = SpecParser.parse("protostar.yml", """
                    app: probed
                    router:
                      includeDir: %s
                      listen: 127.0.0.1:%d
                      test: %s
                      reload: %s
                    """.formatted(nginx.includeDir(), port, yamlList(nginx.testCommand()), yamlList(nginx.reloadCommand())), tmp);
            NginxHostRouter router = new NginxHostRouter(spec);
            String endpoint = "127.0.0.1:" + app.getAddress().getPort();
            router.apply(new Route("probed", Color.BLUE, endpoint, null, "sha256:abc", "2026-12-06T10:00:00Z", "d1"));

            Answer probe = null;
            HttpProbe.Response pub = null;
            for (int i = 0; i < 200 && (probe == null || probe.status() != 200 || pub == null || pub.status() != 200); i++) {
                Thread.sleep(50); // the reload binds the new port and starts new workers a moment after it returns
                probe = router.ask("/", Duration.ofSeconds(5));
                try {
                    pub = HttpProbe.get("http://127.0.0.1:" + port, "/", null, Duration.ofSeconds(5));
                } catch (HttpProbe.Unreachable notYet) {
                    pub = null;
                }
            }
            assertEquals(200, probe.status(), probe.describe());
            assertEquals("probed", probe.app());
            assertEquals("blue", probe.color());
            assertEquals(endpoint, probe.upstream());

            assertTrue(pub != null && pub.status() == 200, "nginx answers the public on port " + port);
            assertEquals("v1 blue", pub.body());
            for (String header : List.of("X-Protostar-App", "X-Protostar-Color", "X-Protostar-Upstream")) {
                assertNull(pub.header(header), header + " in a public response: " + pub.headers());
            }
            String include = Files.readString(nginx.includeDir().resolve(NginxInclude.fileName("probed")));
            String token = NginxInclude.probeToken(include).orElseThrow();
            assertTrue(seenByApp.stream().noneMatch(h -> h.contains("x-protostar") || h.contains(token)), seenByApp.toString());

            // A wrong token is a public request.
            HttpProbe.Response guess = HttpProbe.get("http://127.0.0.1:" + port, "/", null,
                    java.util.Map.of("X-Protostar-Probe", NginxInclude.newProbeToken()), Duration.ofSeconds(5));
            assertNull(guess.header("X-Protostar-Upstream"), guess.headers().toString());

            // The next change keeps the token, so probes of other commands keep working.
            router.apply(new Route("probed", Color.GREEN, endpoint, null, "sha256:abc", "2026-12-06T10:01:00Z", "d2"));
            assertEquals(token, NginxInclude.probeToken(Files.readString(nginx.includeDir().resolve(NginxInclude.fileName("probed"))))
                    .orElseThrow());
        } finally {
            nginx.stop();
            app.stop(0);
        }
    }

    private static String yamlList(List<String> argv) {
        StringBuilder sb = new StringBuilder("[");
        for (String a : argv) {
            sb.append(sb.length() > 1 ? ", " : "").append('"').append(a).append('"');
        }
        return sb.append(']').toString();
    }
}
