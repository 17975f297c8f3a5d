package dev.protostar.core.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.state.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * One Grafana annotation per deploy or switch, through Grafana's HTTP API ({@code POST /api/annotations},
 * a service account token as Bearer): a region from the command's start to its end, tagged
 * {@code protostar}, the app, the action and the outcome, so a dashboard can show it on every panel.
 */
public final class GrafanaAnnotation {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private GrafanaAnnotation() {}

    public static void post(URI grafana, String token, DeployResult r, long endMillis) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("time", endMillis - r.millis());
        body.put("timeEnd", endMillis);
        String outcome = r.outcome().name().toLowerCase(Locale.ROOT);
        body.putArray("tags").add("protostar").add("app:" + r.app()).add(r.action()).add(outcome);
        body.put("text", r.app() + " " + r.action() + " " + outcome.replace('_', ' ')
                + (r.color() == null ? "" : ": " + r.color() + " live") + (r.imageName() == null ? "" : ", image " + r.imageName())
                + (r.error() == null ? "" : " (" + r.error().lines().findFirst().orElse("") + ")"));
        HttpRequest post;
        try {
            post = HttpRequest.newBuilder(URI.create(grafana + "/api/annotations")).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body)))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // not reached: a tree of plain values
        }
        HttpResponse<String> answer;
        try {
            answer = HttpClient.newBuilder().connectTimeout(TIMEOUT).build().send(post, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("could not annotate in Grafana at " + grafana + " (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("stopped on request while annotating in Grafana at " + grafana, e);
        }
        if (answer.statusCode() / 100 != 2) {
            String text = answer.body() == null ? "" : answer.body().strip();
            throw new IllegalStateException("Grafana at " + grafana + " answered " + answer.statusCode()
                    + (answer.statusCode() == 401 ? " (the token in " + dev.protostar.core.spec.AppSpec.Metrics.GRAFANA_TOKEN
                    + " is not accepted)" : "") + (text.isEmpty() ? "" : ": " + text.substring(0, Math.min(300, text.length()))));
        }
    }
}
