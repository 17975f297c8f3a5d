package dev.protostar.core.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.protostar.core.api.DockerEndpoint;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Docker engine, and the only way the engine talks to it. Every call runs on a worker thread
 * with a deadline that really holds: docker-java does not enforce its own timeouts on a unix socket,
 * but its socket channel is interruptible, so a call past its deadline is cancelled and reported
 * as an unknown outcome.
 */
public final class Docker implements AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final String host;
    private final String uri;
    private final boolean tls;
    private final DockerClient client;
    private final ExecutorService calls = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "protostar-docker-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private Docker(String host, String uri, DockerClient client, boolean tls) {
        this.host = host;
        this.uri = uri;
        this.client = client;
        this.tls = tls;
    }

    /** Connects to {@code unix://…} or {@code tcp://…}; the host is always explicit, never taken from the environment. */
    public static Docker connect(String host) {
        return connect(DockerEndpoint.of(host));
    }

    /** Connects to the endpoint, with client TLS when it has any. */
    public static Docker connect(DockerEndpoint endpoint) {
        String host = endpoint.host();
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(host)
                .withDockerTlsVerify(false)
                .build();
        ApacheDockerHttpClient http;
        try {
            http = new ApacheDockerHttpClient.Builder()
                    .dockerHost(config.getDockerHost())
                    .sslConfig(endpoint.tls() == null ? null : new PemTls(endpoint.tls()))
                    .maxConnections(32)
                    .connectionTimeout(Duration.ofSeconds(10))
                    .responseTimeout(Duration.ofMinutes(30))
                    .build();
        } catch (RuntimeException e) {
            // docker-java wraps what the TLS set-up throws; its own message is the one that says what is wrong
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof DockerException de) {
                    throw de;
                }
            }
            throw new DockerException("cannot set up the connection to the Docker engine at " + endpoint + ": "
                    + e.getClass().getSimpleName(), null);
        }
        return new Docker(endpoint.toString(), endpoint.host(), DockerClientImpl.getInstance(config, http), endpoint.tls() != null);
    }

    public String host() {
        return host;
    }

    /** The engine's address as a spec names it ({@code unix://…}, {@code tcp://host:port}), without the TLS note of {@link #host}. */
    public String uri() {
        return uri;
    }

    /** Whether the engine runs on this machine (a unix socket, or tcp on loopback), so its published loopback ports are ours to reach. */
    public boolean onThisMachine() {
        return uri.startsWith("unix://") || LOOPBACK.matcher(uri).matches();
    }

    private static final java.util.regex.Pattern LOOPBACK = java.util.regex.Pattern.compile("tcp://(127\\.0\\.0\\.1|localhost|\\[::1\\]):\\d{1,5}");

    public DockerClient client() {
        return client;
    }

    /**
     * Refuses a network this engine does not have, naming the spec's field: Docker would take a missing one at create and
     * connect, and refuse only at the start.
     */
    public void requireNetwork(String network) {
        boolean exists = call("inspect network " + network, Duration.ofSeconds(30), () -> {
            try {
                client().inspectNetworkCmd().withNetworkId(network).exec();
                return true;
            } catch (NotFoundException e) {
                return false;
            }
        });
        if (!exists) {
            throw new DockerException("container.networks: there is no network " + network + " on " + host()
                    + " (create it with docker network create " + network + ")", null);
        }
    }

    /** Runs one Docker call with a deadline; {@code what} names it in errors ("start container nest-green"). */
    public <T> T call(String what, Duration deadline, Callable<T> call) {
        Future<T> future = calls.submit(call);
        try {
            return future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new DockerException("Docker did not answer \"" + what + "\" within " + deadline.toSeconds()
                    + " s (engine " + host + "); its outcome is unknown, run status to see the state", e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new DockerException("stopped on request while Docker ran \"" + what + "\"", e);
        } catch (ExecutionException e) {
            throw translate(what, e);
        }
    }

    /**
     * Like {@link #call}, but an interrupt does not cut it short (it is kept for the caller): for
     * calls whose half-done outcome would be worse than waiting, such as an nginx reload. The
     * deadline still holds.
     */
    public <T> T callThrough(String what, Duration deadline, Callable<T> call) {
        boolean interrupted = Thread.interrupted();
        Future<T> future = calls.submit(call);
        long end = System.nanoTime() + deadline.toNanos();
        try {
            while (true) {
                try {
                    return call(what, future, Math.max(0, end - System.nanoTime()));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private <T> T call(String what, Future<T> future, long nanos) throws InterruptedException {
        try {
            return future.get(nanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new DockerException("Docker did not answer \"" + what + "\" in time (engine " + host
                    + "); its outcome is unknown, run status to see the state", e);
        } catch (ExecutionException e) {
            throw translate(what, e);
        }
    }

    private DockerException translate(String what, ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof DockerException de) {
            return de;
        }
        if (cause instanceof com.github.dockerjava.api.exception.DockerException) {
            if (String.valueOf(cause.getMessage()).contains("Client sent an HTTP request to an HTTPS server")) {
                return new DockerException("the Docker engine at " + host + " requires TLS: give its CA, client certificate "
                        + "and key (docker.tls in the spec, or Docker server credentials in Jenkins)", cause);
            }
            return new DockerException("Docker failed to " + what + ": " + describe(cause), cause);
        }
        // Not an answer from the engine: the transport failed (no socket, refused, TLS, reset).
        java.util.Optional<String> tlsTrouble = TlsTrouble.of(cause, uri, tls);
        if (tlsTrouble.isPresent()) {
            return new DockerException(tlsTrouble.get() + ". Nothing was changed.", cause);
        }
        return new DockerException("cannot reach the Docker engine at " + host + " to " + what + ": " + describe(cause)
                + ". Is dockerd running, and may this user use it? Start it (or wait for its restart) and try again.", cause, true);
    }

    public void run(String what, Duration deadline, Runnable call) {
        call(what, deadline, () -> {
            call.run();
            return null;
        });
    }

    /** Checks the engine answers, with a short deadline, and returns its version. */
    public String ping() {
        return call("ping", Duration.ofSeconds(10), () -> {
            client.pingCmd().exec();
            return client.versionCmd().exec().getVersion();
        });
    }

    static String describe(Throwable t) {
        if (t instanceof com.github.dockerjava.api.exception.DockerException de) {
            String m = de.getMessage();
            // docker-java puts the engine's JSON body in the message: {"message":"..."}
            int i = m.indexOf("{\"message\":\"");
            if (i >= 0) {
                String inner = m.substring(i + 12);
                int end = inner.lastIndexOf("\"}");
                return (end > 0 ? inner.substring(0, end) : inner).replace("\\\"", "\"");
            }
            return m.strip();
        }
        String m = t.getMessage();
        if (t.getCause() != null && t.getCause() != t && (m == null || m.contains(t.getCause().getClass().getName()))) {
            return describe(t.getCause());
        }
        return m == null ? t.getClass().getSimpleName() : m;
    }

    @Override
    public void close() {
        calls.shutdownNow();
        try {
            client.close();
        } catch (java.io.IOException ignored) {
            // closing the pool cannot lose anything
        }
    }
}
