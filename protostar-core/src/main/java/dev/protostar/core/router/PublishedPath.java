package dev.protostar.core.router;

import dev.protostar.core.http.HttpProbe;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * nginx in a container that publishes its port on this machine's loopback: a request through nginx goes to the published
 * port, the way users' requests come in, instead of one Docker exec each (an exec takes 50-500 ms here, a request a
 * millisecond). Probes of a color, which nginx reaches on the app network, and nginx's connection counts still run inside
 * the container. If the published port fails a request that the container's own path answers (nginx listening on its
 * loopback only, a firewall), every later request goes inside.
 */
final class PublishedPath implements NetworkPath {
    private final String routerUrl;
    private final String routerAuthority;
    private final int routerPort;
    private final NetworkPath inside;
    private final java.util.function.IntFunction<OptionalInt> published;
    /** "http://127.0.0.1:port" while requests through nginx go there, "" once they go inside; null until looked up. */
    private volatile String direct;
    private volatile boolean insideReady;
    /** Whether a direct answer has been trusted, or compared with the same request inside (see {@link #get}). */
    private volatile boolean compared;

    /**
     * @param published the host port on 127.0.0.1 that reaches a container port, if any (looked up on first use)
     */
    PublishedPath(String routerUrl, NetworkPath inside, java.util.function.IntFunction<OptionalInt> published) {
        URI uri = URI.create(routerUrl);
        this.routerUrl = routerUrl;
        this.routerPort = uri.getPort() == -1 ? 80 : uri.getPort();
        this.routerAuthority = uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        this.inside = inside;
        this.published = published;
    }

    @Override
    public HttpProbe.Response get(String baseUrl, String path, String hostHeader, Map<String, String> headers, Duration timeout)
            throws IOException {
        String to = baseUrl.equals(routerUrl) ? direct() : "";
        if (to.isEmpty()) {
            return inside.get(baseUrl, path, hostHeader, headers, timeout);
        }
        insideReady();
        HttpProbe.Response direct;
        try {
            // The Host header nginx would get from the same request sent inside, so server_name matches alike.
            direct = HttpProbe.get(to, path, hostHeader != null ? hostHeader : routerAuthority, headers, timeout);
        } catch (java.net.SocketTimeoutException slow) {
            throw slow; // nginx (or the app behind it) was slow: an answer users would not get either, so no second try
        } catch (IOException e) {
            // Nothing there, or closed before any answer (Docker's proxy when nginx does not listen where it forwards)
            HttpProbe.Response answered = inside.get(baseUrl, path, hostHeader, headers, timeout); // throws when nginx is down
            this.direct = "";
            return answered;
        }
        if (!compared && !headers.isEmpty()) { // a probe with the include's token: nginx answers it with its headers
            compared = true;
            if (direct.header(Answer.APP) == null) {
                // Without them the port may not be nginx's (a Jenkins agent in a container has a loopback of its own) or
                // nginx may treat it apart (allow 127.0.0.1): the same request inside decides, once.
                HttpProbe.Response answered = inside.get(baseUrl, path, hostHeader, headers, timeout);
                if (answered.header(Answer.APP) != null) {
                    this.direct = "";
                    return answered;
                }
            }
        }
        return direct;
    }

    @Override
    public List<Object> getEach(String baseUrl, String path, String hostHeader, Map<String, String> headers, Duration timeout,
                                int count) {
        if (baseUrl.equals(routerUrl) && !direct().isEmpty()) {
            try {
                insideReady();
            } catch (IOException e) {
                return java.util.Collections.nCopies(count, e);
            }
            return NetworkPath.firstThenAtOnce(this, baseUrl, path, hostHeader, headers, timeout, count); // a connection each
        }
        return inside.getEach(baseUrl, path, hostHeader, headers, timeout, count); // batched in one exec
    }

    /**
     * The first request through the published port waits until the container's own path can probe too: the gate and the
     * drain need it, and a container without an HTTP client is named before anything starts, as it was without this path.
     */
    private void insideReady() throws IOException {
        if (!insideReady) {
            inside.ready();
            insideReady = true;
        }
    }

    @Override
    public void ready() throws IOException {
        inside.ready();
    }

    @Override
    public int openConnections(String endpoint) {
        return inside.openConnections(endpoint);
    }

    private String direct() {
        String known = direct;
        if (known == null) {
            OptionalInt port;
            try {
                port = published.apply(routerPort);
            } catch (RuntimeException e) {
                port = OptionalInt.empty(); // the requests inside will say what is wrong with the engine
            }
            known = port.isPresent() ? "http://127.0.0.1:" + port.getAsInt() : "";
            direct = known;
        }
        return known;
    }

    /** Whether requests through nginx go to its published port. */
    boolean viaPublishedPort() {
        return !direct().isEmpty();
    }
}
