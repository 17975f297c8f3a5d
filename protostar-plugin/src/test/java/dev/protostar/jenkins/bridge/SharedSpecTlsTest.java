package dev.protostar.jenkins.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.spec.SpecException;
import dev.protostar.core.spec.SpecParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checking a shared spec on the controller opens none of the TLS files it names, and reports the rest as the engine does. */
class SharedSpecTlsTest {
    @TempDir
    Path dir;

    private static String spec(String tls) {
        return """
                app: nest
                port: 3000
                network: web
                docker:
                  host: tcp://10.0.0.5:2376
                  tls: %s
                router:
                  kind: nginx-container
                  container: nginx
                """.formatted(tls);
    }

    @Test
    void namedFilesAreNotOpenedOnTheController() throws Exception {
        Path notPem = Files.writeString(dir.resolve("master.key"), "controller secret, not PEM");
        String yaml = spec("{ ca: %s, cert: /nonexistent/cert.pem, key: ~/.docker/key.pem }".formatted(notPem));
        assertNull(SpecCheck.sharedSpec("nest", yaml), "the controller's files decide nothing about a shared spec");
    }

    @Test
    void blockStyleQuotedAnchoredAndListedHostsAreNotOpenedEither() {
        String yaml = """
                # ünïcode 😀 before the paths
                app: nest
                port: 3000
                network: web
                docker:
                  hosts:
                    - host: tcp://10.0.0.5:2376
                      tls:
                        ca: &ca "/etc/shadow"
                        cert: !!str /etc/passwd
                        key: >-
                          /root/.ssh/id_rsa
                    - host: tcp://10.0.0.6:2376
                      tls: { ca: *ca, cert: 'x', key: y }
                router:
                  kind: nginx-container
                  container: nginx
                """;
        // Read as root, /etc/shadow is no PEM: the check passing shows that none of these files was opened.
        assertNull(SpecCheck.sharedSpec("nest", yaml));
        // A literal block keeps its line break, which no path has: the agent would refuse it, and so does the check.
        String kept = SpecCheck.sharedSpec("nest", yaml.replace("key: >-", "key: |"));
        assertTrue(kept.contains("docker.hosts[0].tls.key"), kept);
    }

    /** With the real files in place, the engine says exactly what the check says: same line, column and words. */
    @Test
    void otherProblemsKeepTheirLineAndColumn() throws Exception {
        for (String f : new String[] {"ca.pem", "cert.pem", "key.pem"}) {
            Files.writeString(dir.resolve(f), "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
        }
        String yaml = spec("{ ca: ca.pem, cert: cert.pem, key: key.pem, extra: 1 }");
        SpecException engine = null;
        try {
            SpecParser.parse("nest", yaml, dir);
        } catch (SpecException e) {
            engine = e;
        }
        assertNotNull(engine);
        assertEquals(engine.getMessage(), SpecCheck.sharedSpec("nest", yaml));
    }

    @Test
    void textThatIsNotYamlIsReportedAsTheEngineReportsIt() {
        String problem = SpecCheck.sharedSpec("nest", "app: [nest\n");
        assertTrue(problem.contains("not valid YAML"), problem);
    }

    @Test
    void aTlsPathIsStillCheckedAsAPath() {
        String problem = SpecCheck.sharedSpec("nest", spec("{ ca: 'a b', cert: c, key: k }"));
        assertTrue(problem.contains("docker.tls.ca"), problem);
        String missing = SpecCheck.sharedSpec("nest", spec("{ ca: a, cert: c }"));
        assertTrue(missing.contains("docker.tls.key") && missing.contains("required"), missing);
    }
}
