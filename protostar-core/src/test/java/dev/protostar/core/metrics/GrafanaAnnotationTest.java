package dev.protostar.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import dev.protostar.core.spec.AppSpec;
import dev.protostar.core.spec.SpecParser;
import dev.protostar.core.state.Json;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a stand-in of Grafana's annotations API on 127.0.0.1 (no Grafana can be installed here). */
class GrafanaAnnotationTest {
    HttpServer grafana;
    final List<String> auth = new CopyOnWriteArrayList<>();
    final List<JsonNode> posted = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        grafana = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        grafana.createContext("/api/annotations", exchange -> {
            String token = exchange.getRequestHeaders().getFirst("Authorization");
            auth.add(exchange.getRequestMethod() + " " + token);
            posted.add(Json.MAPPER.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            boolean ok = "Bearer glsa_good".equals(token);
            byte[] body = (ok ? "{\"id\":1,\"message\":\"Annotation added\"}" : "{\"message\":\"invalid API key\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(ok ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        grafana.start();
    }

    @AfterEach
    void stop() {
        grafana.stop(0);
    }

    private AppSpec spec() {
        return SpecParser.parse("protostar.yml", "app: shop\nmetrics:\n  grafana: http://127.0.0.1:" + grafana.getAddress().getPort() + "/\n",
                Path.of("/srv/repo"));
    }

    private static final DeployResult SWITCHED_BACK = new DeployResult("shop", "deploy", Outcome.SWITCHED_BACK, "blue", "blue",
            "shop:20261206-1", "sha256:1", 42_000, Map.of(), Phase.VERIFY, "verify failed: 3 of 10 answers were 502\ndetail");

    @Test
    void aRegionPerDeployTaggedWithAppActionAndOutcome() {
        List<String> warnings = new ArrayList<>();
        Publisher.annotate(spec(), SWITCHED_BACK, name -> name.equals(AppSpec.Metrics.GRAFANA_TOKEN) ? "glsa_good\n" : null, warnings::add);

        assertEquals(List.of(), warnings);
        assertEquals(List.of("POST Bearer glsa_good"), auth);
        JsonNode a = posted.get(0);
        assertEquals(42_000, a.get("timeEnd").asLong() - a.get("time").asLong());
        assertEquals("[\"protostar\",\"app:shop\",\"deploy\",\"switched_back\"]", a.get("tags").toString());
        assertEquals("shop deploy switched back: blue live, image shop:20261206-1 (verify failed: 3 of 10 answers were 502)",
                a.get("text").asText());
    }

    @Test
    void aMissingOrRefusedTokenIsAWarning() {
        List<String> warnings = new ArrayList<>();
        Publisher.annotate(spec(), SWITCHED_BACK, name -> null, warnings::add);
        assertTrue(auth.isEmpty());
        Publisher.annotate(spec(), SWITCHED_BACK, name -> "glsa_old", warnings::add);
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("PROTOSTAR_GRAFANA_TOKEN holds no token"), warnings.get(0));
        assertTrue(warnings.get(1).contains("answered 401 (the token in PROTOSTAR_GRAFANA_TOKEN is not accepted): {\"message\":\"invalid API key\"}"),
                warnings.get(1));
    }

    @Test
    void noGrafanaNoCall() {
        List<String> warnings = new ArrayList<>();
        Publisher.annotate(SpecParser.parse("protostar.yml", "app: shop\n", Path.of("/srv/repo")), SWITCHED_BACK, name -> "x", warnings::add);
        assertTrue(auth.isEmpty() && warnings.isEmpty());
    }
}
