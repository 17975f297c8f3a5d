package dev.protostar.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.HistoryEntry;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import dev.protostar.core.engine.fake.Behaviour;
import dev.protostar.core.engine.fake.FakeRegistry;
import dev.protostar.core.engine.fake.World;
import dev.protostar.core.spec.Color;
import java.nio.file.Path;
import dev.protostar.core.docker.RegistryAuth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An app on two hosts runs one image, by content: the image is resolved once and checked (or pulled by its digest) on every
 * host before the first one switches.
 */
class OneImageEveryHostTest {
    private static final String V1 = "sha256:" + "1".repeat(64);
    private static final String V2 = "sha256:" + "819e".repeat(16);
    private static final String OTHER_V2 = "sha256:" + "a162".repeat(16);
    private static final String V3 = "sha256:" + "3".repeat(64);
    private static final String V4 = "sha256:" + "4".repeat(64);
    private static final String REGISTRY_IMAGE = "registry.example.com:5000/shop:2.0";

    @TempDir
    Path tmp;
    Stage stage;
    World first;
    World second;
    FakeRegistry registry = new FakeRegistry();

    @BeforeEach
    void blueServesV1OnBoth() throws Exception {
        stage = Stage.twoHosts(tmp);
        List<World> worlds = List.copyOf(stage.worlds.values());
        first = worlds.get(0).image("shop:v1", V1, Behaviour.HEALTHY).pullsFrom(registry);
        second = worlds.get(1).image("shop:v1", V1, Behaviour.HEALTHY).pullsFrom(registry);
        DeployResult r = stage.deploy("shop:v1");
        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
    }

    @Test
    void aTagThatMeansDifferentImagesOnTwoHostsIsRefusedNamingBothBeforeAnySwitch() {
        first.image("shop:v2", V2, Behaviour.HEALTHY);
        second.image("shop:v2", OTHER_V2, Behaviour.HEALTHY);
        List<String> before = first.names();

        DeployResult r = stage.deploy("shop:v2");

        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome(), r.error());
        assertEquals(Phase.BUILD, r.failedPhase());
        assertTrue(r.error().startsWith("image: shop:v2 is 819e819e819e on tcp://127.0.0.1:2375 but a162a162a162 on tcp://localhost:2375"),
                r.error());
        assertTrue(r.error().contains("Nothing on any host was changed"), r.error());
        untouched(before);
    }

    @Test
    void anImageMissingOnTheSecondHostIsFoundBeforeTheFirstSwitches() {
        first.image("shop:v2", V2, Behaviour.HEALTHY);
        List<String> before = first.names();

        DeployResult r = stage.deploy("shop:v2");

        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome(), r.error());
        assertTrue(r.error().startsWith("image: no image named shop:v2 on tcp://localhost:2375"), r.error());
        assertTrue(r.error().contains("a name without a registry host is never pulled"), r.error());
        assertEquals(0, registry.pulls(), "a name no registry gave is never pulled: it could fetch anything");
        untouched(before);
    }

    @Test
    void theSameContentOnEveryHostDeploysAndEveryHostRunsIt() {
        first.image("shop:v2", V2, Behaviour.HEALTHY);
        second.image("shop:v2", V2, Behaviour.HEALTHY);

        DeployResult r = stage.deploy("shop:v2");

        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
        assertEquals(V2, first.container("shop-green").orElseThrow().imageId());
        assertEquals(V2, second.container("shop-green").orElseThrow().imageId());
    }

    @Test
    void aRegistryImageIsPulledOnceByNameThenByItsDigestOnEveryOtherHostAndTheHistoryKeepsTheDigest() {
        registry.push(REGISTRY_IMAGE, V2, Behaviour.HEALTHY);

        DeployResult r = stage.deploy(REGISTRY_IMAGE);

        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
        assertEquals(2, registry.pulls());
        assertEquals(V2, first.container("shop-green").orElseThrow().imageId());
        assertEquals(V2, second.container("shop-green").orElseThrow().imageId());
        for (World w : List.of(first, second)) {
            HistoryEntry last = w.history().get(w.history().size() - 1);
            assertEquals(V2, last.imageId());
            assertTrue(last.imageDigest() != null && last.imageDigest().startsWith("registry.example.com:5000/shop@sha256:"),
                    String.valueOf(last.imageDigest()));
        }
    }

    @Test
    void aStaleTagOnTheSecondHostIsNotFollowed_theFirstHostsDigestIsPulledThere() {
        registry.push(REGISTRY_IMAGE, V2, Behaviour.HEALTHY);
        second.image(REGISTRY_IMAGE, OTHER_V2, Behaviour.HEALTHY);

        DeployResult r = stage.deploy(REGISTRY_IMAGE);

        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
        assertEquals(V2, second.container("shop-green").orElseThrow().imageId(), "by content, not by the tag host 2 had");
    }

    @Test
    void aRefusedPullOnTheSecondHostChangesNothingAnywhere() {
        registry.push(REGISTRY_IMAGE, V2, Behaviour.HEALTHY);
        registry.refusesAfter(1);
        List<String> before = first.names();

        DeployResult r = stage.deploy(REGISTRY_IMAGE);

        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome(), r.error());
        assertTrue(r.error().startsWith("image: cannot pull registry.example.com:5000/shop@sha256:")
                && r.error().contains(" on tcp://localhost:2375: unauthorized"), r.error());
        untouched(before);
    }

    @Test
    void theRegistryPasswordFromTheEnvironmentIsMaskedWhereverAnErrorQuotesIt() {
        registry.push(REGISTRY_IMAGE, V2, Behaviour.HEALTHY).refusesAfter(0).echoesPassword();

        DeployResult r = stage.deploy(REGISTRY_IMAGE, Map.of(RegistryAuth.USERNAME, "ci", RegistryAuth.PASSWORD, "hunter2-registry"));

        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome(), r.error());
        assertTrue(r.error().contains("(password ****)"), r.error());
        assertTrue(stage.events.toString().contains("user ci for registry.example.com:5000 (from " + RegistryAuth.USERNAME), stage.events.toString());
        assertFalse(r.error().contains("hunter2") || stage.events.toString().contains("hunter2"), r.error());
    }

    @Test
    void anUnknownDigestIsRefusedNamingImage() {
        String unknown = "registry.example.com:5000/shop@sha256:" + "e".repeat(64);
        List<String> before = first.names();

        DeployResult r = stage.deploy(unknown);

        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome(), r.error());
        assertTrue(r.error().startsWith("image: cannot pull " + unknown) && r.error().contains("manifest unknown"), r.error());
        untouched(before);
    }

    @Test
    void buildPushBuildsOnceOnTheFirstHostAndEveryHostRunsThePushedDigest() throws Exception {
        Stage pushing = Stage.twoHosts(java.nio.file.Files.createDirectories(tmp.resolve("push")), "image: registry.example.com:5000/shop\nbuild: { push: true }\n");
        List<World> worlds = List.copyOf(pushing.worlds.values());
        worlds.forEach(w -> w.pullsFrom(registry));

        DeployResult r = pushing.deploy(null);

        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
        assertEquals(1, registry.pushes());
        assertEquals(1, registry.pulls(), "the second host pulled what the first pushed");
        String built = worlds.get(0).container("shop-blue").orElseThrow().imageId();
        assertEquals(built, worlds.get(1).container("shop-blue").orElseThrow().imageId());
        assertTrue(worlds.get(1).container("shop-blue").orElseThrow().imageName().startsWith("registry.example.com:5000/shop@sha256:"),
                "the second host runs it by digest, having built nothing");
        HistoryEntry second = worlds.get(1).history().get(0);
        assertEquals(built, second.imageId());
        assertTrue(String.valueOf(second.imageDigest()).startsWith("registry.example.com:5000/shop@sha256:"), second.toString());
    }

    @Test
    void buildPushNeedsImageToNameARegistry() throws Exception {
        java.nio.file.Path spec = tmp.resolve("nopush.yml");
        java.nio.file.Files.writeString(spec, "app: shop\nbuild:\n  push: true\n");
        dev.protostar.core.spec.SpecException e = org.junit.jupiter.api.Assertions.assertThrows(dev.protostar.core.spec.SpecException.class,
                () -> dev.protostar.core.spec.SpecParser.parse(spec));
        assertTrue(e.getMessage().contains("3:9") && e.getMessage().contains("build.push")
                && e.getMessage().contains("needs image: to name the registry"), e.getMessage());
    }

    @Test
    void aRollbackToARegistryVersionByItsDigestPullsItWhereAHostLostItBeforeTheFirstSwitchAndRecordsTheDigest() {
        String v3 = "registry.example.com:5000/shop:3.0";
        String v4 = "registry.example.com:5000/shop:4.0";
        registry.push(REGISTRY_IMAGE, V2, Behaviour.HEALTHY).push(v3, V3, Behaviour.HEALTHY).push(v4, V4, Behaviour.HEALTHY);
        for (String image : List.of(REGISTRY_IMAGE, v3, v4)) {
            DeployResult r = stage.deploy(image);
            assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
        }
        HistoryEntry deployed = first.history().stream().filter(e -> REGISTRY_IMAGE.equals(e.imageName())).findFirst().orElseThrow();
        String digest = deployed.imageDigest();
        assertTrue(digest != null && digest.startsWith("registry.example.com:5000/shop@sha256:"), deployed.toString());
        List<String> deployIds = java.util.stream.Stream.of(first, second).flatMap(w -> w.history().stream())
                .filter(e -> REGISTRY_IMAGE.equals(e.imageName())).map(HistoryEntry::id).toList(); // each host's session has its own
        second.forget(V2); // retire.keepImages removed it there
        int pulls = registry.pulls();

        DeployResult r = stage.rollback(digest);

        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
        assertEquals("rollback", r.action());
        assertEquals(pulls + 1, registry.pulls(), "only the host that lost it pulled it, by the digest");
        for (World w : List.of(first, second)) {
            Color live = w.serving(Stage.APP).orElseThrow().color();
            assertEquals(V2, w.container(stage.spec.containerName(live)).orElseThrow().imageId());
            HistoryEntry last = w.history().get(w.history().size() - 1);
            assertEquals("rollback", last.action());
            assertTrue(deployIds.contains(last.rollbackOf()), last.rollbackOf() + " is one of " + deployIds);
            assertEquals(digest, last.imageDigest(), "the history says exactly what ran again");
            assertEquals(REGISTRY_IMAGE, last.imageName());
        }
        assertTrue(stage.events.stream().anyMatch(e -> e.message() != null && e.message().contains("pulled there by its digest " + digest)),
                stage.events.toString());
    }

    @Test
    void aRollbackToAnImageThatCameFromNoRegistryIsStillRefusedWhereAHostLostIt() {
        first.image("shop:v2", V2, Behaviour.HEALTHY);
        second.image("shop:v2", V2, Behaviour.HEALTHY);
        assertEquals(Outcome.SUCCEEDED, stage.deploy("shop:v2").outcome());
        String v1 = first.history().get(0).id();
        assertEquals(null, first.history().get(0).imageDigest(), "no registry gave it");
        second.forget(V1);
        List<String> before = first.names();

        DeployResult r = stage.rollback(v1);

        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome(), r.error());
        assertTrue(r.error().startsWith("to: tcp://localhost:2375: the image of deploy " + v1), r.error());
        assertEquals(0, registry.pulls());
        assertEquals(before, first.names());
    }

    @Test
    void aBeforeSwitchHookOnEveryHostRunsFromThePinnedImageNotFromATagThatMeansAnotherImageThere() throws Exception {
        Stage hooked = Stage.twoHosts(java.nio.file.Files.createDirectories(tmp.resolve("hooked")), """
                hooks:
                  beforeSwitch:
                    - name: migrate
                      command: [migrate]
                      on: each
                """);
        List<World> worlds = List.copyOf(hooked.worlds.values());
        worlds.forEach(w -> w.pullsFrom(registry));
        registry.push(REGISTRY_IMAGE, V2, Behaviour.HEALTHY);
        worlds.get(1).image(REGISTRY_IMAGE, OTHER_V2, Behaviour.HEALTHY); // the tag means another image there

        DeployResult r = hooked.deploy(REGISTRY_IMAGE);

        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
        for (World w : worlds) {
            List<World.OneOff> ran = w.oneOffsStarted();
            assertEquals(1, ran.size(), ran.toString());
            assertEquals(V2, ran.get(0).imageId(), "from the image pinned on the first host (pulled by its digest), not the tag");
        }
    }

    private void untouched(List<String> firstNamesBefore) {
        assertEquals(firstNamesBefore, first.names(), "nothing was started on the first host");
        assertEquals(Color.BLUE, first.serving(Stage.APP).orElseThrow().color());
        assertEquals(Color.BLUE, second.serving(Stage.APP).orElseThrow().color());
        assertEquals(V1, first.container("shop-blue").orElseThrow().imageId());
        assertFalse(first.locked());
        assertFalse(second.locked());
    }
}
