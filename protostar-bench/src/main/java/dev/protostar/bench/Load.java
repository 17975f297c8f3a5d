package dev.protostar.bench;

import dev.protostar.core.http.HttpProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounded load through nginx on 127.0.0.1 from two client kinds at once: "keep-alive" reuses its
 * connections (the JDK client; like browsers it resends an idempotent request once when a reused
 * connection turns out to be closed before any answer), "fresh" opens a new connection per request.
 * Each kind runs one paced thread on / (the dense traffic that times a switch) and one thread that
 * keeps a 0.3 s request on /cgi-bin/slow in flight (what an early stop would cut). Optionally a third,
 * {@link NoRetryClient}: one HTTP/1.1 keep-alive connection that never retries, paced on /, recorded apart.
 * Every thread stops at its request budget, at the time limit, or when told.
 */
final class Load implements AutoCloseable {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final String baseUrl;
    private final Recorder recorder;
    private final Duration pace;
    private final int maxPerThread;
    private final long deadline;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    Load(String baseUrl, Recorder recorder, Duration pace, int maxPerThread, Duration maxTime) {
        this(baseUrl, recorder, null, pace, maxPerThread, maxTime);
    }

    /** @param noRetry where the non-retrying keep-alive client's requests go; null: no such client */
    Load(String baseUrl, Recorder recorder, Recorder noRetry, Duration pace, int maxPerThread, Duration maxTime) {
        this.baseUrl = baseUrl;
        this.recorder = recorder;
        this.pace = pace;
        this.maxPerThread = maxPerThread;
        this.deadline = System.nanoTime() + maxTime.toNanos();
        for (String kind : List.of("keep-alive", "fresh")) {
            start(kind, "/", pace);
            start(kind, "/cgi-bin/slow", Duration.ofMillis(20));
        }
        if (noRetry != null) {
            URI uri = URI.create(baseUrl);
            NoRetryClient client = new NoRetryClient(uri.getHost(), uri.getPort(), noRetry, REQUEST_TIMEOUT);
            Thread t = new Thread(() -> {
                try {
                    client.run(pace, maxPerThread, deadline, stop);
                } finally {
                    client.close();
                }
            }, "load-no-retry");
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void start(String kind, String path, Duration gap) {
        Thread t = new Thread(() -> loop(kind, path, gap), "load-" + kind + path);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private void loop(String kind, String path, Duration gap) {
        HttpClient client = kind.equals("keep-alive")
                ? HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build() : null;
        long next = System.nanoTime();
        for (int i = 0; i < maxPerThread && !stop.get() && System.nanoTime() < deadline; i++) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
            next = Math.max(next + gap.toNanos(), System.nanoTime());
            recorder.add(client == null ? fresh(path) : keepAlive(client, path));
        }
    }

    private Request fresh(String path) {
        long t0 = Clock.micros();
        try {
            HttpProbe.Response r = HttpProbe.get(baseUrl, path, null, REQUEST_TIMEOUT);
            return new Request("fresh", path, t0, Clock.micros(), r.status(), colorOf(r.status(), r.body()), null);
        } catch (Exception e) {
            return new Request("fresh", path, t0, Clock.micros(), 0, null, e.toString());
        }
    }

    private Request keepAlive(HttpClient client, String path) {
        long t0 = Clock.micros();
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Request("keep-alive", path, t0, Clock.micros(), r.statusCode(), colorOf(r.statusCode(), r.body()), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Request("keep-alive", path, t0, Clock.micros(), 0, null, "interrupted");
        } catch (Exception e) {
            return new Request("keep-alive", path, t0, Clock.micros(), 0, null, e.toString());
        }
    }

    /** The app answers "&lt;version&gt; &lt;color&gt;" (and "slow &lt;version&gt; &lt;color&gt;"). */
    static String colorOf(int status, String body) {
        if (status < 200 || status > 299 || body == null) {
            return null;
        }
        String[] words = body.strip().split("\\s+");
        String last = words[words.length - 1];
        return last.equals("blue") || last.equals("green") ? last : null;
    }

    Duration pace() {
        return pace;
    }

    @Override
    public void close() {
        stop.set(true);
        for (Thread t : threads) {
            try {
                t.join(REQUEST_TIMEOUT.toMillis() + 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
