package dev.protostar.core.docker;

import com.github.dockerjava.transport.SSLConfig;
import dev.protostar.core.api.TlsMaterial;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Client TLS from PEM text. docker-java's own {@code LocalDirectorySSLConfig} reads only files from
 * a directory; Jenkins credentials and specs hand over PEM strings. Certificates are read by the
 * JDK; the key by Bouncy Castle's PEM parser (already on docker-java's classpath), which reads every
 * form openssl writes (PKCS#8, PKCS#1 RSA, EC). Errors never include the PEM text.
 */
final class PemTls implements SSLConfig {
    private static final char[] PASSWORD = "protostar".toCharArray(); // of the in-memory key store only

    private final TlsMaterial tls;

    PemTls(TlsMaterial tls) {
        this.tls = tls;
    }

    @Override
    public SSLContext getSSLContext() {
        List<Certificate> chain = certificates(tls.certPem(), "client certificate");
        List<Certificate> cas = certificates(tls.caPem(), "CA certificate");
        PrivateKey key = privateKey(tls.keyPem());
        checkPair(key, chain.get(0));
        try {
            KeyStore keys = KeyStore.getInstance(KeyStore.getDefaultType());
            keys.load(null, null);
            keys.setKeyEntry("client", key, PASSWORD, chain.toArray(Certificate[]::new));
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                trust.setCertificateEntry("ca" + i, cas.get(i));
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, PASSWORD);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (java.security.GeneralSecurityException | IOException e) {
            throw new DockerException("cannot set up TLS for the Docker engine: the client key does not fit its certificate, or "
                    + "the certificates are unusable (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    private static List<Certificate> certificates(String pem, String what) {
        if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new DockerException("the " + what + " for the Docker engine is not valid PEM (no BEGIN CERTIFICATE line)", null);
        }
        try {
            List<Certificate> out = new ArrayList<>(CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
            if (out.isEmpty()) {
                throw new DockerException("the " + what + " for the Docker engine holds no certificate", null);
            }
            return out;
        } catch (java.security.cert.CertificateException e) {
            throw new DockerException("the " + what + " for the Docker engine is not valid PEM (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    private static PrivateKey privateKey(String pem) {
        String problem = "the client certificate and key for the Docker engine is not valid PEM: the key ";
        if (pem == null) {
            throw new DockerException(problem + "is missing", null);
        }
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (o instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new DockerException(problem + (o == null ? "has no BEGIN ... PRIVATE KEY block" : "is not an unencrypted private key"), null);
        } catch (IOException | RuntimeException e) {
            if (e instanceof DockerException de) {
                throw de;
            }
            // A parser's message may quote the input: name only the kind of failure.
            throw new DockerException(problem + "cannot be read (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    /** A key that is not the certificate's own would only show as a handshake the engine ends; say so before connecting. */
    private static void checkPair(PrivateKey key, Certificate cert) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            return; // the handshake will tell
        }
        byte[] nonce = new byte[32];
        new java.security.SecureRandom().nextBytes(nonce);
        boolean fits;
        try {
            java.security.Signature sign = java.security.Signature.getInstance(algorithm);
            sign.initSign(key);
            sign.update(nonce);
            byte[] signature = sign.sign();
            java.security.Signature verify = java.security.Signature.getInstance(algorithm);
            verify.initVerify(cert.getPublicKey());
            verify.update(nonce);
            fits = verify.verify(signature);
        } catch (java.security.GeneralSecurityException e) {
            fits = false; // a key of another type than the certificate's
        }
        if (!fits) {
            throw new DockerException("the client key for the Docker engine does not match the client certificate (it belongs to "
                    + "another certificate): give the key that was made with this certificate", null);
        }
    }
}
