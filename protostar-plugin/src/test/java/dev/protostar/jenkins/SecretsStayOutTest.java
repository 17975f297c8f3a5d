package dev.protostar.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.TlsMaterial;
import dev.protostar.jenkins.bridge.BadgeModel;
import dev.protostar.jenkins.bridge.DeployCall;
import dev.protostar.jenkins.bridge.DeployReport;
import dev.protostar.jenkins.bridge.Endpoint;
import dev.protostar.jenkins.bridge.SpecSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client key of a Docker endpoint travels to the agent and is used there, but none of it comes
 * back in what a build shows: the log, the step's failure message, the badge, or the call itself
 * printed. The engine runs here in-process against an address where nothing listens.
 */
class SecretsStayOutTest {
    private static final String NOWHERE = "tcp://127.0.0.1:1";

    @TempDir
    Path ws;

    private final CapturedLog listener = new CapturedLog();

    @BeforeEach
    void spec() throws Exception {
        Files.writeString(ws.resolve("protostar.yml"), "app: nest\nport: 3000\nrouter:\n  includeDir: nginx\n");
    }

    @Test
    void aUsableKeyIsNeverShown() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("EC").generateKeyPair();
        String key = pem("PRIVATE KEY", pair.getPrivate().getEncoded());
        assertShowsNothingOf(key, deploy(new TlsMaterial(selfSigned(pair), selfSigned(pair), key)));
    }

    @Test
    void aKeyThatDoesNotFitItsCertificateIsNeverShown() throws Exception {
        String cert = selfSigned(KeyPairGenerator.getInstance("EC").generateKeyPair());
        String key = pem("PRIVATE KEY", KeyPairGenerator.getInstance("EC").generateKeyPair().getPrivate().getEncoded());
        assertShowsNothingOf(key, deploy(new TlsMaterial(cert, cert, key)));
    }

    @Test
    void anUnreadableKeyIsNeverQuoted() throws Exception {
        String cert = selfSigned(KeyPairGenerator.getInstance("EC").generateKeyPair());
        String key = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleS1tYXRlcmlhbC10aGF0LW11c3Qtbm90LWxlYWs=\n-----END PRIVATE KEY-----\n";
        assertShowsNothingOf(key, deploy(new TlsMaterial(cert, cert, key)));
    }

    /** @return everything the build would show: the log, and the failure message with its stack trace, or the result */
    private List<String> deploy(TlsMaterial tls) {
        List<Endpoint> hosts = new ArrayList<>(List.of(new Endpoint(NOWHERE, tls.caPem(), tls.certPem(), tls.keyPem())));
        OnAgent<DeployReport> call = new OnAgent<>("secrets", new SpecSource(null, null, null, null, null), ws + "@tmp",
                new DeployCall("nest:1", "job/nest/1/", null), hosts, listener, true);
        List<String> shown = new ArrayList<>(List.of(String.valueOf(call)));
        try {
            DeployReport r = call.invoke(ws.toFile(), null);
            assertEquals("FAILED_BEFORE_SWITCH", r.outcome(), String.valueOf(r));
            shown.addAll(List.of(Summary.failure(r), String.valueOf(r), BadgeModel.of(r).tooltip()));
        } catch (Exception | Error e) {
            // A step that ends with an exception prints its stack trace, causes included, into the build log.
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            shown.add(trace.toString());
        }
        shown.add(listener.text());
        assertTrue(shown.stream().anyMatch(t -> t.contains(NOWHERE) || t.contains("PEM")), "the TLS material was used: " + shown);
        return shown;
    }

    private static void assertShowsNothingOf(String keyPem, List<String> shown) {
        for (String line : keyPem.split("\n")) {
            if (line.startsWith("-----")) {
                continue;
            }
            for (String text : shown) {
                assertFalse(text.contains(line), "key material in: " + text);
            }
        }
    }

    private static String selfSigned(KeyPair pair) throws Exception {
        X500Name name = new X500Name("CN=protostar-test");
        return pem("CERTIFICATE", new JcaX509v3CertificateBuilder(name, BigInteger.ONE, new Date(),
                new Date(System.currentTimeMillis() + 86_400_000L), name, pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())).getEncoded());
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
