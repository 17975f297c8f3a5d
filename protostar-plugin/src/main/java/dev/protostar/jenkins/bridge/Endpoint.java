package dev.protostar.jenkins.bridge;

import dev.protostar.core.api.DockerEndpoint;
import dev.protostar.core.api.TlsMaterial;
import java.io.Serializable;

/**
 * A Docker engine as a step sends it to the agent, with TLS from Jenkins credentials. A plugin type,
 * turned into the engine's on the agent, so that what crosses the channel depends on no engine class.
 * Remoting keeps a callable's {@code toString()}, so it never shows the key material.
 *
 * @param caPem null for a unix socket or plain loopback tcp
 */
public record Endpoint(String host, String caPem, String certPem, String keyPem) implements Serializable {
    public static Endpoint of(String host) {
        return new Endpoint(host, null, null, null);
    }

    public DockerEndpoint toEngine() {
        if (caPem == null && certPem == null && keyPem == null) {
            return DockerEndpoint.of(host);
        }
        return new DockerEndpoint(host, new TlsMaterial(caPem, certPem, keyPem));
    }

    @Override
    public String toString() {
        return host + (keyPem == null ? "" : " (TLS)");
    }
}
