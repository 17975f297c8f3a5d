package dev.protostar.core.api;

import java.io.Serializable;

/**
 * One Docker engine to talk to.
 *
 * @param host {@code unix:///path/to/docker.sock} or {@code tcp://host:port}
 * @param tls client TLS for a {@code tcp://} host, or null for a unix socket (plain tcp is refused
 *     unless it is on loopback)
 */
public record DockerEndpoint(String host, TlsMaterial tls) implements Serializable {
    public static DockerEndpoint of(String host) {
        return new DockerEndpoint(host, null);
    }

    @Override
    public String toString() {
        return host + (tls == null ? "" : " (TLS)");
    }
}
