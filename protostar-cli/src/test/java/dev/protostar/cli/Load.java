package dev.protostar.cli;

import dev.protostar.core.http.HttpProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounded load through nginx on 127.0.0.1 from two client kinds, two threads each: one opening a new connection per
 * request, one reusing keep-alive connections (the JDK client, which like browsers retries an
 * idempotent request once when a reused connection turns out closed). Stops at {@code maxRequests}
 * per thread or at {@code maxTime}, whichever comes first.
 */
public final class Load implements AutoCloseable {
    /** Requests sent, whatever came of them. */
    public final AtomicInteger sent = new AtomicInteger();
    public final List<String> failures = new CopyOnWriteArrayList<>();
    /** By nginx's color header: only the engine's probes get it, so a public client sees "null" here (counted all the same). */
    public final Map<String, AtomicInteger> answeredBy = new ConcurrentHashMap<>();
    /**
     * Successful answers by the color of the container that served them (the last word of the sample app's body),
     * whatever nginx's color header says: during a fallback to the backup the header still names the routed color.
     */
    public final Map<String, AtomicInteger> servedBy = new ConcurrentHashMap<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    /** Clients, each with at most one request in flight: half on fresh connections, half keep-alive. */
    public static final int CLIENTS = 4;

    public Load(String baseUrl, int maxRequests, Duration maxTime) {
        long deadline = System.nanoTime() + maxTime.toNanos();
        for (int n = 0; n < CLIENTS / 2; n++) {
            fresh(baseUrl, maxRequests, deadline);
            keepAlive(baseUrl, maxRequests, deadline);
        }
    }

    private void fresh(String baseUrl, int maxRequests, long deadline) {
        threads.add(start("load-fresh", () -> {
            for (int i = 0; i < maxRequests && !stop.get() && System.nanoTime() < deadline; i++) {
                String path = i % 5 == 4 ? "/cgi-bin/slow" : "/";
                try {
                    HttpProbe.Response r = HttpProbe.get(baseUrl, path, null, Duration.ofSeconds(10));
                    record(r.status(), r.header("X-Protostar-Color"), r.header("X-Protostar-Upstream"), r.body(), "fresh " + path);
                } catch (Exception e) {
                    sent.incrementAndGet();
                    failures.add("fresh " + path + ": " + e);
                }
            }
        }));
    }

    private void keepAlive(String baseUrl, int maxRequests, long deadline) {
        threads.add(start("load-keepalive", () -> {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            for (int i = 0; i < maxRequests && !stop.get() && System.nanoTime() < deadline; i++) {
                String path = i % 5 == 4 ? "/cgi-bin/slow" : "/";
                try {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                            .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
                    record(r.statusCode(), r.headers().firstValue("X-Protostar-Color").orElse(null),
                            r.headers().firstValue("X-Protostar-Upstream").orElse(null), r.body(), "keep-alive " + path);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    sent.incrementAndGet();
                    failures.add("keep-alive " + path + ": " + e);
                }
            }
        }));
    }

    private static Thread start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void record(int status, String color, String upstream, String body, String what) {
        sent.incrementAndGet();
        if (upstream != null) {
            failures.add(what + ": a public response named the container's internal address " + upstream);
        } else if (status < 200 || status > 299) {
            failures.add(what + ": status " + status);
        } else if (body == null || !body.endsWith("\n")) {
            // The sample app ends every answer with a newline; the engine's probe keeps what arrived of a body the
            // peer cut off (nginx had begun to pass it on when its container died), so a missing end is a cut.
            failures.add(what + ": a cut response, " + (body == null ? 0 : body.length()) + " characters of its body arrived");
        } else {
            answeredBy.computeIfAbsent(String.valueOf(color), k -> new AtomicInteger()).incrementAndGet();
            String[] words = body == null ? new String[0] : body.strip().split("\\s+");
            servedBy.computeIfAbsent(words.length == 0 ? "?" : words[words.length - 1], k -> new AtomicInteger()).incrementAndGet();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        for (Thread t : threads) {
            t.join(30_000);
        }
    }
}
