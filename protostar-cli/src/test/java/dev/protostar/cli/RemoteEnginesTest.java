package dev.protostar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.protostar.cli.demo.SampleApp;
import dev.protostar.core.api.DeployRequest;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.DockerEndpoint;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.api.HistoryEntry;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import dev.protostar.core.api.TlsMaterial;
import dev.protostar.core.api.VerifyResult;
import dev.protostar.core.docker.Docker;
import dev.protostar.core.docker.DockerException;
import dev.protostar.core.engine.Engine;
import dev.protostar.core.http.HttpProbe;
import dev.protostar.core.spec.SpecException;
import dev.protostar.core.spec.SpecParser;
import dev.protostar.core.state.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A remote engine over TLS (a second dockerd on 127.0.0.1), and an app deployed host by host to two engines. */
class RemoteEnginesTest {
    private static SecondDockerd remote;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startSecondEngine() throws Exception {
        remote = new SecondDockerd();
    }

    @AfterAll
    static void stopSecondEngine() throws Exception {
        if (remote != null) {
            remote.close();
        }
    }

    @Test
    void tlsWithTheRightCertificatesWorksAndEveryWrongOneFailsClearlyWithoutShowingKeys() throws Exception {
        try (Docker d = Docker.connect(remote.endpoint())) {
            assertFalse(d.ping().isBlank());
        }
        TlsMaterial good = remote.tls();
        String key = good.keyPem();
        String keyBody = key.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();

        TlsMaterial strangerCa = new TlsMaterial(remote.pem("stranger-ca.pem"), good.certPem(), good.keyPem());
        DockerException wrongCa = assertThrows(DockerException.class, () -> ping(new DockerEndpoint(remote.host(), strangerCa)));
        assertTrue(wrongCa.getMessage().contains("the Docker engine at " + remote.host() + " presented a certificate that the CA "
                + "given does not vouch for"), wrongCa.getMessage());

        TlsMaterial strangerCert = new TlsMaterial(good.caPem(), remote.pem("stranger-cert.pem"), remote.pem("stranger-key.pem"));
        DockerException refused = assertThrows(DockerException.class, () -> ping(new DockerEndpoint(remote.host(), strangerCert)));
        assertTrue(refused.getMessage().contains(remote.host()) && refused.getMessage().contains("refused the client certificate"),
                refused.getMessage());

        // The key of another certificate: the engine cannot check the client's signature.
        TlsMaterial mismatched = new TlsMaterial(good.caPem(), good.certPem(), remote.pem("stranger-key.pem"));
        DockerException wrongKey = assertThrows(DockerException.class, () -> ping(new DockerEndpoint(remote.host(), mismatched)));
        assertTrue(wrongKey.getMessage().contains("key belongs to the certificate") || wrongKey.getMessage().contains("does not match"),
                wrongKey.getMessage());

        DockerException noTls = assertThrows(DockerException.class, () -> ping(DockerEndpoint.of(remote.host())));
        assertTrue(noTls.getMessage().contains(remote.host()), noTls.getMessage());

        TlsMaterial notPem = new TlsMaterial(good.caPem(), good.certPem(), "not a key at all");
        DockerException badKey = assertThrows(DockerException.class, () -> ping(new DockerEndpoint(remote.host(), notPem)));
        assertTrue(badKey.getMessage().contains("client certificate and key") && badKey.getMessage().contains("not valid PEM"),
                badKey.getMessage());

        for (DockerException e : List.of(wrongCa, refused, wrongKey, noTls, badKey)) {
            assertFalse(describeAll(e).contains(keyBody), "no key material in any message: " + describeAll(e));
        }
    }

    @Test
    void aRemoteTcpHostNeedsTlsAndTheSpecReadsItsFilesNamingTheField() throws Exception {
        String base = """
                app: nest
                network: web
                router:
                  kind: nginx-container
                docker:
                  host: tcp://10.0.0.5:2376
                """;
        SpecException noTls = assertThrows(SpecException.class, () -> SpecParser.parse("protostar.yml", base, tmp));
        assertTrue(noTls.getMessage().contains("docker.tls") && noTls.getMessage().contains("required"), noTls.getMessage());

        SpecException missing = assertThrows(SpecException.class, () -> SpecParser.parse("protostar.yml", base + """
                  tls: {ca: certs/ca.pem, cert: certs/cert.pem, key: certs/key.pem}
                """, tmp));
        assertTrue(missing.getMessage().contains("docker.tls.ca") && missing.getMessage().contains(":7:"), missing.getMessage());

        Files.createDirectories(tmp.resolve("certs"));
        Files.writeString(tmp.resolve("certs/ca.pem"), remote.pem("ca.pem"));
        Files.writeString(tmp.resolve("certs/cert.pem"), remote.pem("cert.pem"));
        Files.writeString(tmp.resolve("certs/key.pem"), "garbage that is not PEM");
        SpecException notPem = assertThrows(SpecException.class, () -> SpecParser.parse("protostar.yml", base + """
                  tls: {ca: certs/ca.pem, cert: certs/cert.pem, key: certs/key.pem}
                """, tmp));
        assertTrue(notPem.getMessage().contains("docker.tls.key") && !notPem.getMessage().contains("garbage"), notPem.getMessage());
    }

    @Test
    void twoHostsDeployHostByHostAndAFailureOnTheSecondSwitchesTheFirstBack() throws Exception {
        String run = Long.toString(ThreadLocalRandom.current().nextLong(1L << 30, 1L << 31), 36);
        String app = "m" + run;
        String network = "protostar-test-" + run;
        String nginxName = "protostar-test-nginx-" + run;
        String farBridge = NginxContainer.bridgeName(network + " on the second engine");
        try (Docker local = Docker.connect(Fixture.DOCKER); Docker far = Docker.connect(remote.endpoint());
             NginxContainer nginxHere = new NginxContainer(local, nginxName, network, Fixture.freePort());
             NginxContainer nginxThere = new NginxContainer(far, nginxName, network, farBridge, Fixture.freePort())) {
            remote.allowForwarding(farBridge);
            try {
                Path source = tmp.resolve(app);
                SampleApp.write(source, "v1");
                Path spec = source.resolve("protostar.yml");
                Files.writeString(spec, nginxHere.spec(app, "listen: 80\n  serverName: " + app + ".test", """
                        docker:
                          hosts:
                            - host: %s
                            - host: %s
                              tls:
                                ca: %s
                                cert: %s
                                key: %s
                        retire:
                          drain: 1s
                        """.formatted(Fixture.DOCKER, remote.host(), remote.certs().resolve("ca.pem"),
                        remote.certs().resolve("cert.pem"), remote.certs().resolve("key.pem"))));

                DeployResult v1 = deploy(source, spec, "v1");
                assertEquals(Outcome.SUCCEEDED, v1.outcome(), v1.error());
                assertTrue(v1.phases().containsKey("host2.switch"), v1.phases().toString());
                assertEquals("200 v1 blue", answer(nginxHere, app));
                assertEquals("200 v1 blue", answer(nginxThere, app));

                // The second host's nginx config is broken by hand: its switch fails, so the first host goes back.
                assertEquals(0, nginxThere.exec("sh", "-c",
                        "echo 'upstream oops { server 127.0.0.1:1 max_fails=abc; }' > /etc/nginx/conf.d/zz-hand.conf").exitCode());
                DeployResult v2 = deploy(source, spec, "v2");
                assertEquals(Outcome.SWITCHED_BACK, v2.outcome(), v2.error());
                assertEquals(Phase.SWITCH, v2.failedPhase());
                assertTrue(v2.error().contains("on host 2 of 2 (" + remote.host() + ")"), v2.error());
                assertTrue(v2.error().contains(Fixture.DOCKER + ": switched back to blue"), v2.error());
                assertEquals("blue", v2.color());
                assertEquals("200 v1 blue", answer(nginxHere, app), "no host stays on the new version");
                assertEquals("200 v1 blue", answer(nginxThere, app));

                assertEquals(0, nginxThere.exec("rm", "/etc/nginx/conf.d/zz-hand.conf").exitCode());
                DeployResult v3 = deploy(source, spec, "v3");
                assertEquals(Outcome.SUCCEEDED, v3.outcome(), v3.error());
                assertEquals("200 v3 green", answer(nginxHere, app));
                assertEquals("200 v3 green", answer(nginxThere, app));
                VerifyResult verified = Engine.verify(spec.toString(), EventListener.NONE);
                assertTrue(verified.ok(), verified.problems().toString()); // each engine's drift check reads its own history
                // Each engine keeps what happened on it; the history merges them and names the engine.
                List<HistoryEntry> history = Engine.history(spec.toString(), 50);
                for (String host : List.of(Fixture.DOCKER, remote.host())) {
                    List<HistoryEntry> there = history.stream().filter(h -> host.equals(h.host())).toList();
                    assertTrue(there.size() >= 3, host + ": " + history);
                    HistoryEntry last = there.get(there.size() - 1);
                    assertEquals("SUCCEEDED", last.outcome(), host + ": " + history);
                    assertEquals("green", last.color(), host + ": " + history);
                }
                assertEquals(List.of(), history.stream().filter(h -> h.host() == null).toList());
                // status shows every host, each with its label, live color and what its nginx answers.
                CommandSurfaceTest.Run status = CommandSurfaceTest.run("status", "--json", "-f", spec.toString());
                assertEquals(0, status.exit(), status.out() + status.err());
                JsonNode hosts = Json.MAPPER.readTree(status.out()).get("hosts");
                assertEquals(2, hosts.size(), status.out());
                assertEquals(Fixture.DOCKER, hosts.get(0).get("host").asText());
                assertEquals(remote.host(), hosts.get(1).get("host").asText());
                for (JsonNode h : hosts) {
                    assertEquals("green", h.get("live").asText(), status.out());
                    assertEquals("green", h.get("answering").asText(), status.out());
                }

                // With previous: stop, going back means starting the stopped old color again (health-gated) on host 1.
                Files.writeString(spec, Files.readString(spec).replace("retire:\n  drain: 1s\n",
                        "retire:\n  drain: 1s\n  previous: stop\n  stopTimeout: 5s\n"));
                DeployResult v4 = deploy(source, spec, "v4");
                assertEquals(Outcome.SUCCEEDED, v4.outcome(), v4.error());
                assertEquals("200 v4 blue", answer(nginxHere, app));
                assertEquals(0, nginxThere.exec("sh", "-c",
                        "echo 'upstream oops { server 127.0.0.1:1 max_fails=abc; }' > /etc/nginx/conf.d/zz-hand.conf").exitCode());
                DeployResult v5 = deploy(source, spec, "v5");
                assertEquals(Outcome.SWITCHED_BACK, v5.outcome(), v5.error());
                assertTrue(v5.error().contains(Fixture.DOCKER + ": switched back to blue"), v5.error());
                assertEquals("200 v4 blue", answer(nginxHere, app), "the stopped blue was started again and is live");
                assertEquals("200 v4 blue", answer(nginxThere, app));

                // Host 2 loses its live container: status says so for that host, by its label, and exits 1.
                far.client().removeContainerCmd(app + "-blue").withForce(true).exec();
                CommandSurfaceTest.Run lost = CommandSurfaceTest.run("status", "--json", "-f", spec.toString());
                assertEquals(1, lost.exit(), lost.out() + lost.err());
                JsonNode there = Json.MAPPER.readTree(lost.out()).get("hosts").get(1);
                assertEquals(remote.host(), there.get("host").asText());
                assertEquals("absent", there.get("colors").get(0).get("state").asText(), lost.out());
                assertTrue(lost.err().contains(app + " on " + remote.host() + ": blue is live"), lost.err());
                assertTrue(lost.err().contains("! " + remote.host() + ": nginx routes to blue, but its container " + app + "-blue is gone"),
                        lost.err());
            } finally {
                Fixture.removeApp(local, app);
                Fixture.removeApp(far, app);
            }
        } finally {
            try (Docker local = Docker.connect(Fixture.DOCKER); Docker far = Docker.connect(remote.endpoint())) {
                NginxContainer.removeNetwork(local, network);
                NginxContainer.removeNetwork(far, network);
            }
        }
    }

    private static DeployResult deploy(Path source, Path spec, String version) throws Exception {
        SampleApp.setVersion(source, version);
        return Engine.deploy(new DeployRequest(spec.toString(), null, "test", version), EventListener.NONE);
    }

    private static String answer(NginxContainer nginx, String app) throws Exception {
        HttpProbe.Response r = HttpProbe.get("http://127.0.0.1:" + nginx.port, "/", app + ".test", Duration.ofSeconds(5));
        return r.status() + " " + r.body().strip();
    }

    private static void ping(DockerEndpoint endpoint) {
        try (Docker d = Docker.connect(endpoint)) {
            d.ping();
        }
    }

    private static String describeAll(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c).append('\n');
        }
        return sb.toString();
    }
}
