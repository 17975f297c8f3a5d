package dev.protostar.core.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Pushes an app's facts to a Prometheus Pushgateway: a PUT to the group {@code job="protostar",
 * app, docker_host}, which replaces what the previous push of that group left (so the group always
 * holds the whole current picture, like the textfile). The Java client of the Prometheus project
 * that does this (prometheus-metrics-exporter-pushgateway) is not served by the Maven repository
 * this build uses; the Pushgateway's API is one HTTP call.
 */
public final class Pushgateway {
    public static final String JOB = "protostar";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Pushgateway() {}

    /** The group's URL: label values in base64url (the API's way for values with '/' in them, as Docker host URIs have). */
    static URI group(URI base, String app, String dockerHost) {
        return URI.create(base + "/metrics/job/" + JOB + "/" + Exposition.APP + "/" + app + "/" + Exposition.DOCKER_HOST
                + "@base64/" + Base64.getUrlEncoder().withoutPadding().encodeToString(dockerHost.getBytes(StandardCharsets.UTF_8)));
    }

    public static void push(URI base, AppFacts facts, String text) {
        URI to = group(base, facts.app(), facts.dockerHost());
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        HttpRequest put = HttpRequest.newBuilder(to).timeout(TIMEOUT)
                .header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .PUT(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> answer;
        try {
            answer = client.send(put, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("could not push to the Pushgateway at " + base + " (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("stopped on request while pushing to the Pushgateway at " + base, e);
        }
        if (answer.statusCode() / 100 != 2) {
            String body = answer.body() == null ? "" : answer.body().strip();
            throw new IllegalStateException("the Pushgateway at " + base + " answered " + answer.statusCode()
                    + (body.isEmpty() ? "" : ": " + body.substring(0, Math.min(300, body.length()))));
        }
    }
}
