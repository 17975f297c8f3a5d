package dev.protostar.core.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * One HTTP request to a URL the spec names (an afterSwitch hook: notify, warm a cache), with the JDK's client: HTTPS
 * with the JVM's trust store, no redirects followed, a deadline for the whole exchange.
 */
public final class Webhook {
    private static final int MAX_BODY = 2048;

    /** @param status the answer's status, or 0 when there was none; {@code failure} then says why */
    public record Answer(int status, String body, String failure) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private Webhook() {}

    /** Sends it and returns the answer, or why there was none; never throws for what the other side does. */
    public static Answer send(URI url, String method, Map<String, String> headers, String body, Duration timeout)
            throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        try {
            HttpResponse<InputStream> r = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String text;
            try (InputStream in = r.body()) {
                text = new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
            }
            return new Answer(r.statusCode(), text, null);
        } catch (java.net.http.HttpTimeoutException e) {
            return new Answer(0, "", "no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new Answer(0, "", e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (IllegalArgumentException e) {
            return new Answer(0, "", "the request cannot be sent: " + e.getMessage()); // a restricted header such as Host
        }
    }
}
