package dev.protostar.core.api;

import java.io.Serializable;

/**
 * Client TLS for a {@code tcp://} Docker engine, as PEM text (Jenkins credentials hand over PEM
 * strings; files given in a spec are read into this). Never printed: {@link #toString()} hides it.
 *
 * @param caPem the CA that signed the engine's certificate
 * @param certPem the client certificate
 * @param keyPem the client's private key
 */
public record TlsMaterial(String caPem, String certPem, String keyPem) implements Serializable {
    @Override
    public String toString() {
        return "TlsMaterial[ca, cert, key hidden]";
    }
}
