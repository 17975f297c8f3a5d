package dev.protostar.core.docker;

import com.github.dockerjava.core.util.CertificateUtils;
import com.github.dockerjava.transport.SSLConfig;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Client TLS from PEM text. docker-java's own {@code LocalDirectorySSLConfig} reads only files
 * from a directory; Jenkins credentials and specs hand over PEM strings, so this builds the
 * context from them with docker-java's certificate helpers. Errors never include the PEM text.
 */
final class PemTls implements SSLConfig {
    private final TlsMaterial tls;

    PemTls(TlsMaterial tls) {
        this.tls = tls;
    }

    @Override
    public SSLContext getSSLContext() {
        KeyStore keys = load("client certificate and key", () -> CertificateUtils.createKeyStore(tls.keyPem(), tls.certPem()));
        KeyStore trust = load("CA certificate", () -> CertificateUtils.createTrustStore(tls.caPem()));
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, "docker".toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new DockerException("cannot set up TLS for the Docker engine: " + e.getClass().getSimpleName(), null);
        }
    }

    private interface Loader {
        KeyStore load() throws Exception;
    }

    private static KeyStore load(String what, Loader loader) {
        try {
            KeyStore store = loader.load();
            if (store == null || store.size() == 0) {
                throw new DockerException("the " + what + " for the Docker engine is not valid PEM", null);
            }
            return store;
        } catch (DockerException e) {
            throw e;
        } catch (Exception e) {
            // The message of a parser error may quote the input; name only the part and the kind of failure.
            throw new DockerException("the " + what + " for the Docker engine is not valid PEM ("
                    + e.getClass().getSimpleName() + ")", null);
        }
    }
}
