package dev.protostar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.cli.demo.SampleApp;
import dev.protostar.core.api.DeployRequest;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.api.HistoryEntry;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.docker.DockerException;
import dev.protostar.core.docker.ImageStore;
import dev.protostar.core.docker.Images;
import dev.protostar.core.docker.Labels;
import dev.protostar.core.docker.RegistryAuth;
import dev.protostar.core.engine.Engine;
import dev.protostar.core.spec.ImageReference;
import dev.protostar.core.spec.SpecParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deploying an image from a real registry (Debian's docker-registry on 127.0.0.1, TLS and htpasswd): pulled with the
 * credentials of a Docker config, recorded by digest; a refused pull, an unknown digest and an unreachable registry each
 * fail naming image, and the live color keeps serving.
 */
class RegistryDeployTest {
    private static final Duration QUICK = Duration.ofMinutes(2);

    @TempDir
    Path tmp;

    @Test
    void aRegistryImageIsPulledWithTheDockerConfigsCredentialsAndRecordedByDigest() throws Exception {
        try (Fixture f = new Fixture(tmp.resolve("app"), null); LocalRegistry registry = new LocalRegistry(tmp.resolve("registry"))) {
            assertEquals(Outcome.SUCCEEDED, f.deploy("v1").outcome());
            String repository = registry.host() + "/" + f.app + "/web";
            String image = repository + ":v2";
            Path good = registry.dockerConfig(tmp.resolve("good"), LocalRegistry.USER, registry.password);
            String digest = pushVersion(f, "v2", image, good);
            assertTrue(digest.matches("sha256:[0-9a-f]{64}"), digest);

            Path bad = registry.dockerConfig(tmp.resolve("bad"), LocalRegistry.USER, "not-" + registry.password);
            DeployResult refused = deploy(f, image, bad);
            failedNamingImage(f, refused, "cannot pull " + image);
            assertTrue(refused.error().contains("unauthorized") || refused.error().contains("authentication required"), refused.error());

            DeployResult unknown = deploy(f, repository + "@sha256:" + "0".repeat(64), good);
            failedNamingImage(f, unknown, "cannot pull " + repository + "@sha256:" + "0".repeat(64));

            DeployResult unreachable = deploy(f, "127.0.0.1:" + Fixture.freePort() + "/" + f.app + "/web:v2", good);
            failedNamingImage(f, unreachable, "cannot pull 127.0.0.1:");

            DeployResult pulled = deploy(f, image, good);
            assertEquals(Outcome.SUCCEEDED, pulled.outcome(), pulled.error());
            assertEquals("200 v2 green", f.answer());
            HistoryEntry last = Engine.history(f.spec.toString(), 1).get(0);
            assertEquals(repository + "@" + digest, last.imageDigest());
            assertEquals(image, last.imageName());

            DeployResult byDigest = deploy(f, repository + "@" + digest, good);
            assertEquals(Outcome.SUCCEEDED, byDigest.outcome(), byDigest.error());
            assertEquals("200 v2 blue", f.answer());
            assertEquals(pulled.imageId(), byDigest.imageId());
        }
    }

    @Test
    void buildPushPushesWhatWasBuiltAndDeploysItByDigest() throws Exception {
        try (LocalRegistry registry = new LocalRegistry(tmp.resolve("registry"));
             Fixture f = new Fixture(tmp.resolve("app"), "retire:\n  drain: 1s\nimage: " + registry.host() + "/pushed/web\nbuild:\n  push: true\n")) {
            Path good = registry.dockerConfig(tmp.resolve("good"), LocalRegistry.USER, registry.password);
            SampleApp.setVersion(f.source, "v1");
            DeployResult first = Engine.deploy(new DeployRequest(f.spec.toString(), null, "test", "v1", List.of(), null,
                    Map.of("DOCKER_CONFIG", good.toString())), EventListener.NONE);
            assertEquals(Outcome.SUCCEEDED, first.outcome(), first.error());
            assertEquals("200 v1 blue", f.answer());
            HistoryEntry last = Engine.history(f.spec.toString(), 1).get(0);
            assertTrue(String.valueOf(last.imageDigest()).startsWith(registry.host() + "/pushed/web@sha256:"), last.toString());
            assertTrue(new Images(f.docker).find(last.imageDigest()).isPresent(), "the engine lists the pushed digest");

            SampleApp.setVersion(f.source, "v2");
            Path bad = registry.dockerConfig(tmp.resolve("bad"), LocalRegistry.USER, "not-" + registry.password);
            DeployResult refused = Engine.deploy(new DeployRequest(f.spec.toString(), null, "test", "v2", List.of(), null,
                    Map.of("DOCKER_CONFIG", bad.toString())), EventListener.NONE);
            assertEquals(Outcome.FAILED_BEFORE_SWITCH, refused.outcome(), refused.error());
            assertTrue(refused.error().startsWith("build.push: cannot push " + registry.host() + "/pushed/web:"), refused.error());
            assertEquals("200 v1 blue", f.answer(), "the live color kept serving");
            assertTrue(!f.exists("green"), "nothing was started");
        }
    }

    /** Builds the sample app at {@code version}, pushes it as {@code image}, and removes it here, so a deploy must pull it. */
    private static String pushVersion(Fixture f, String version, String image, Path dockerConfig) throws Exception {
        SampleApp.setVersion(f.source, version);
        Images images = new Images(f.docker);
        ImageStore.Image built = images.build(SpecParser.parse(f.spec), "push-" + version, Map.of(Labels.APP, f.app), QUICK, line -> { });
        ImageReference ref = ImageReference.parse(image);
        f.docker.run("tag", QUICK, () -> f.docker.client().tagImageCmd(built.id(), ref.repository(), ref.tag()).exec());
        RegistryAuth auth = RegistryAuth.forImage(ref, Map.of("DOCKER_CONFIG", dockerConfig.toString())::get);
        String digest = images.push(image, auth, QUICK, line -> { });
        try {
            images.push(image, RegistryAuth.NONE, QUICK, line -> { });
            throw new AssertionError("a push without credentials was accepted");
        } catch (DockerException expected) {
            assertTrue(expected.getMessage().contains("cannot push " + image), expected.getMessage());
        }
        images.remove(built.id());
        assertTrue(images.find(image).isEmpty());
        return digest;
    }

    private static DeployResult deploy(Fixture f, String image, Path dockerConfig) {
        return Engine.deploy(new DeployRequest(f.spec.toString(), image, "test", null, List.of(), null,
                Map.of("DOCKER_CONFIG", dockerConfig.toString())), EventListener.NONE);
    }

    private static void failedNamingImage(Fixture f, DeployResult r, String what) throws Exception {
        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome(), r.error());
        assertTrue(r.error().startsWith("image: " + what), r.error());
        assertEquals("200 v1 blue", f.answer(), "the live color kept serving");
        assertTrue(!f.exists("green"), "nothing was started");
    }
}
