package dev.protostar.core.router;

import dev.protostar.core.http.HttpProbe;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The network as nginx sees it: the health gate probes a color, the switch is confirmed and the
 * old color drained, all along the path nginx itself uses, so a color that is healthy by its own
 * check but unreachable for nginx never passes.
 */
public interface NetworkPath {
    /**
     * One GET on a fresh connection.
     *
     * @param baseUrl {@code http://host:port} as nginx would connect to it
     * @throws HttpProbe.Unreachable when nothing accepted the connection
     */
    default HttpProbe.Response get(String baseUrl, String path, String hostHeader, Duration timeout) throws IOException {
        return get(baseUrl, path, hostHeader, Map.of(), timeout);
    }

    /** @param headers more request headers (the router's probe marker) */
    HttpProbe.Response get(String baseUrl, String path, String hostHeader, Map<String, String> headers, Duration timeout)
            throws IOException;

    /**
     * {@code count} GETs one after the other, each on a fresh connection; each element is a response
     * or the IOException that request ended with. Implementations may send them in one go. After a request
     * that got no answer the rest may not be sent: they carry its exception.
     */
    default List<Object> getEach(String baseUrl, String path, String hostHeader, Map<String, String> headers, Duration timeout,
                                 int count) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try {
                out.add(get(baseUrl, path, hostHeader, headers, timeout));
            } catch (IOException e) {
                // One request that got no answer says enough: the rest are not sent (each could wait its whole timeout).
                while (out.size() < count) {
                    out.add(e);
                }
                break;
            }
        }
        return out;
    }

    /**
     * {@link #getEach} for a path whose requests cost a connection each (nginx on this machine, or its published port):
     * the first alone, so a path that gives no answer is asked once, as one after the other would; then the rest at once,
     * on up to eight threads. Ten requests one after the other were most of a verify under load (5-15 ms each).
     */
    static List<Object> firstThenAtOnce(NetworkPath p, String baseUrl, String path, String hostHeader, Map<String, String> headers,
                                        Duration timeout, int count) {
        List<Object> out = new ArrayList<>();
        try {
            out.add(p.get(baseUrl, path, hostHeader, headers, timeout));
        } catch (IOException e) {
            while (out.size() < count) {
                out.add(e);
            }
            return out;
        }
        if (count == 1) {
            return out;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.min(8, count - 1), r -> {
            Thread t = new Thread(r, "protostar-requests");
            t.setDaemon(true);
            return t;
        });
        try {
            List<java.util.concurrent.Future<Object>> rest = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                rest.add(pool.submit(() -> {
                    try {
                        return p.get(baseUrl, path, hostHeader, headers, timeout);
                    } catch (IOException e) {
                        return e;
                    }
                }));
            }
            // Waited for through an interrupt, as one request after the other was (each bounded by its timeout): the
            // caller's own checks decide what a stop means, not a request cut short.
            boolean interrupted = false;
            for (java.util.concurrent.Future<Object> f : rest) {
                while (true) {
                    try {
                        out.add(f.get());
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return out;
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    /** Throws when this path cannot send requests at all (nginx's container has no HTTP client), before anything depends on it. */
    default void ready() throws IOException {}

    /** Established connections from nginx's side to {@code endpoint} (host:port), or -1 when that cannot be known. */
    int openConnections(String endpoint);

    /** nginx on this machine. */
    static NetworkPath host() {
        return new HostPath();
    }
}
