package dev.protostar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.cli.demo.SampleApp;
import dev.protostar.core.api.DeployRequest;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.api.HistoryEntry;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import dev.protostar.core.docker.Docker;
import dev.protostar.core.docker.ImageStore;
import dev.protostar.core.docker.Images;
import dev.protostar.core.docker.Labels;
import dev.protostar.core.docker.RegistryAuth;
import dev.protostar.core.engine.Engine;
import dev.protostar.core.http.HttpProbe;
import dev.protostar.core.spec.ImageReference;
import dev.protostar.core.spec.SpecParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One image on two real engines (this one and a second dockerd over TLS): a tag that means different images on the two is
 * refused naming both before either switches; a registry image is pulled on the first and by its digest on the second.
 */
class RegistryTwoEnginesTest {
    private static final Duration QUICK = Duration.ofMinutes(3);

    @TempDir
    Path tmp;

    @Test
    void aTagThatDiffersIsRefusedBeforeAnySwitchAndARegistryImageRunsByOneDigestOnBoth() throws Exception {
        String run = Long.toString(ThreadLocalRandom.current().nextLong(1L << 30, 1L << 31), 36);
        String app = "r" + run;
        String network = "protostar-test-" + run;
        String nginxName = "protostar-test-nginx-" + run;
        try (SecondDockerd remote = new SecondDockerd(); LocalRegistry registry = new LocalRegistry(tmp.resolve("registry"))) {
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
                    Path config = registry.dockerConfig(tmp.resolve("docker-config"), LocalRegistry.USER, registry.password);

                    DeployResult v1 = deploy(spec, null, config);
                    assertEquals(Outcome.SUCCEEDED, v1.outcome(), v1.error());

                    // The same tag, built on each engine on its own: two different images.
                    SampleApp.setVersion(source, "v2");
                    ImageStore.Image here = build(local, spec, app);
                    ImageStore.Image there = build(far, spec, app);
                    assertNotEquals(here.id(), there.id());
                    DeployResult mixed = deploy(spec, app + ":same", config);
                    assertEquals(Outcome.FAILED_BEFORE_SWITCH, mixed.outcome(), mixed.error());
                    assertEquals(Phase.BUILD, mixed.failedPhase());
                    assertTrue(mixed.error().startsWith("image: " + app + ":same is " + shortId(here.id()) + " on " + Fixture.DOCKER
                            + " but " + shortId(there.id()) + " on " + remote.host()), mixed.error());
                    assertEquals("200 v1 blue", answer(nginxHere, app), "the first host never switched");
                    assertEquals("200 v1 blue", answer(nginxThere, app));

                    // Pushed from the first engine; the second has never seen it and pulls it by the digest the first pinned.
                    String image = registry.host() + "/" + app + "/web:v2";
                    ImageReference ref = ImageReference.parse(image);
                    local.run("tag", QUICK, () -> local.client().tagImageCmd(here.id(), ref.repository(), ref.tag()).exec());
                    String digest = new Images(local).push(image, RegistryAuth.forImage(ref, Map.of("DOCKER_CONFIG", config.toString())::get),
                            QUICK, line -> { });
                    DeployResult pulled = deploy(spec, image, config);
                    assertEquals(Outcome.SUCCEEDED, pulled.outcome(), pulled.error());
                    assertEquals("200 v2 green", answer(nginxHere, app));
                    assertEquals("200 v2 green", answer(nginxThere, app));
                    List<HistoryEntry> history = Engine.history(spec.toString(), 50);
                    for (String host : List.of(Fixture.DOCKER, remote.host())) {
                        HistoryEntry last = history.stream().filter(h -> host.equals(h.host())).reduce((a, b) -> b).orElseThrow();
                        assertEquals(here.id(), last.imageId(), host + ": " + last);
                        assertEquals(ref.repository() + "@" + digest, last.imageDigest(), host + ": " + last);
                    }
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
    }

    private static ImageStore.Image build(Docker docker, Path spec, String app) {
        return new Images(docker).build(SpecParser.parse(spec), "same", Map.of(Labels.APP, app), QUICK, line -> { });
    }

    private static DeployResult deploy(Path spec, String image, Path dockerConfig) {
        return Engine.deploy(new DeployRequest(spec.toString(), image, "test", null, List.of(), null,
                Map.of("DOCKER_CONFIG", dockerConfig.toString())), EventListener.NONE);
    }

    private static String shortId(String id) {
        return id.substring("sha256:".length(), "sha256:".length() + 12);
    }

    private static String answer(NginxContainer nginx, String app) throws Exception {
        HttpProbe.Response r = HttpProbe.get("http://127.0.0.1:" + nginx.port, "/", app + ".test", Duration.ofSeconds(5));
        return r.status() + " " + r.body().strip();
    }
}
