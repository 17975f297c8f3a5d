package dev.protostar.core.docker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The JDK's words for a failed TLS connection, turned into what to fix (the real handshakes run in RemoteEnginesTest). */
class TlsTroubleTest {
    private static final String HOST = "tcp://127.0.0.1:2376";

    @Test
    void aCertificateFromAnotherCaNamesTheCa() {
        Throwable t = new RuntimeException(new SSLHandshakeException("PKIX path building failed: "
                + "sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path"));
        String m = TlsTrouble.of(t, HOST, true).orElseThrow();
        assertTrue(m.contains("does not vouch for") && m.contains("docker.tls.ca"), m);
    }

    @Test
    void aRefusedClientCertificateIsNotABrokenPipe() {
        String alert = TlsTrouble.of(new RuntimeException(new SSLHandshakeException("Received fatal alert: bad_certificate")), HOST, true)
                .orElseThrow();
        assertTrue(alert.contains("refused the client certificate"), alert);
        String pipe = TlsTrouble.of(new RuntimeException(new SocketException("Broken pipe")), HOST, true).orElseThrow();
        assertTrue(pipe.contains("refused the client certificate"), pipe);
        assertTrue(pipe.contains("restarting") && pipe.contains("wait for it and try again"), "an engine restarting mid-handshake "
                + "cuts it the same way: " + pipe);
        assertFalse(alert.contains("restarting"), "an alert is the engine's own word: " + alert);
    }

    @Test
    void withoutTlsABrokenPipeIsNoTlsProblem() {
        assertTrue(TlsTrouble.of(new RuntimeException(new SocketException("Broken pipe")), HOST, false).isEmpty());
        assertTrue(TlsTrouble.of(new IOException("Connection refused"), HOST, true).isEmpty());
    }
}
