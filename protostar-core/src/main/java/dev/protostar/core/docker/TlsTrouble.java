package dev.protostar.core.docker;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Names what went wrong in a TLS connection to a Docker engine, from the JDK's exceptions: the engine's
 * certificate is not from the CA given, does not name the host, or the engine refused the client's
 * certificate (another CA, or a key that does not belong to it). Without this, a refused client
 * certificate reads as "Broken pipe" and a wrong CA as a raw PKIX trace.
 */
final class TlsTrouble {
    private TlsTrouble() {}

    /** @param tls whether the connection was made with TLS at all (a broken pipe without TLS is no TLS problem) */
    static Optional<String> of(Throwable failure, String host, boolean tls) {
        if (!tls) {
            return Optional.empty();
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof CertPathValidatorException || m.contains("pkix path") || m.contains("unable to find valid certification path")) {
                return Optional.of("the Docker engine at " + host + " presented a certificate that the CA given does not vouch for: "
                        + "docker.tls.ca (or the CA of the Jenkins credentials) must be the CA that signed the engine's server certificate");
            }
            if (m.contains("no subject alternative") || m.contains("doesn't match any of the subject alternative")) {
                return Optional.of("the Docker engine's certificate does not name " + host + " (" + t.getMessage() + "): connect by a "
                        + "name or address the certificate lists, or issue it with that one");
            }
            if (m.contains("bad_certificate") || m.contains("unknown_ca") || m.contains("certificate_unknown")
                    || m.contains("decrypt_error") || m.contains("certificate_required") || m.contains("access_denied")) {
                return Optional.of(refused(host, t.getMessage()));
            }
            if (t instanceof CertificateException) {
                return Optional.of("the Docker engine's certificate at " + host + " was not accepted: " + t.getMessage());
            }
        }
        // The engine ends the handshake after checking the client certificate; the client may only see the connection go.
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof SSLHandshakeException || t instanceof SSLException || m.contains("broken pipe")
                    || m.contains("connection reset") || m.contains("remote host terminated the handshake")) {
                return Optional.of(cut(host, t.getMessage()));
            }
        }
        return Optional.empty();
    }

    private static String refused(String host, String detail) {
        return "the Docker engine at " + host + " refused the client certificate (" + detail + "). Check " + CHECK;
    }

    /** An engine that restarts mid-handshake ends it as one that refuses the certificate does: both, and what to do for each. */
    private static String cut(String host, String detail) {
        return "the Docker engine at " + host + " ended the TLS handshake (" + detail + "): it most likely refused the client "
                + "certificate, or it was restarting just then. If it was restarting, wait for it and try again; otherwise check "
                + CHECK;
    }

    private static final String CHECK = "that the client certificate is signed by the CA the engine trusts (dockerd --tlscacert) "
            + "and that the key belongs to the certificate";
}
