package dev.protostar.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.HistoryEntry;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import dev.protostar.core.engine.fake.Behaviour;
import dev.protostar.core.engine.fake.World;
import dev.protostar.core.router.Route;
import dev.protostar.core.spec.Color;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rollback to a kept version on fake hosts: the cutover of a deploy, the record, and the refusals that change nothing. */
class RollbackTest {
    @TempDir
    Path tmp;

    private static HistoryEntry last(World w) {
        List<HistoryEntry> h = w.history();
        return h.get(h.size() - 1);
    }

    private static String idOf(World w, String image) {
        return w.history().stream().filter(e -> image.equals(e.imageName())).findFirst().orElseThrow().id();
    }

    private Stage threeVersions() throws Exception {
        Stage stage = Stage.oneHost(tmp);
        stage.world().image("shop:v1", Behaviour.HEALTHY).image("shop:v2", Behaviour.HEALTHY).image("shop:v3", Behaviour.HEALTHY);
        for (String v : List.of("shop:v1", "shop:v2", "shop:v3")) {
            DeployResult r = stage.deploy(v);
            assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
        }
        return stage;
    }

    @Test
    void rollingBackToTheFirstOfThreeServesItThroughAGatedCutoverAndRecordsIt() throws Exception {
        Stage stage = threeVersions();
        World w = stage.world();
        String v1 = idOf(w, "shop:v1");
        Route before = w.serving(Stage.APP).orElseThrow();

        DeployResult r = stage.rollback(v1);

        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
        assertEquals("rollback", r.action());
        Route now = w.serving(Stage.APP).orElseThrow();
        assertEquals(before.color().other(), now.color());
        assertEquals("shop:v1", w.container(stage.spec.containerName(now.color())).orElseThrow().imageName());
        assertTrue(r.phases().containsKey("gate"), "health-gated: " + r.phases());
        assertFalse(r.phases().containsKey("build") && stage.events.stream().anyMatch(e -> e.message().startsWith("built ")), "no build");
        HistoryEntry recorded = last(w);
        assertEquals("rollback", recorded.action());
        assertEquals("SUCCEEDED", recorded.outcome());
        assertEquals(v1, recorded.rollbackOf());
        assertEquals("shop:v1", recorded.imageName());
        assertFalse(w.locked());
        assertFalse(w.intentLeft());
    }

    @Test
    void withoutATargetItGoesToTheVersionBeforeTheLiveOne() throws Exception {
        Stage stage = threeVersions();
        DeployResult r = stage.rollback(null);

        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
        assertEquals("shop:v2", r.imageName());
        assertEquals(idOf(stage.world(), "shop:v2"), last(stage.world()).rollbackOf());
    }

    @Test
    void rollingBackToWhatIsLiveChangesNothingAndRecordsNothing() throws Exception {
        Stage stage = threeVersions();
        int entries = stage.world().history().size();

        DeployResult r = stage.rollback("shop:v3");

        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
        assertEquals(entries, stage.world().history().size());
        assertTrue(stage.events.stream().anyMatch(e -> e.message().contains("is already live; nothing to roll back")));
    }

    @Test
    void anImageKeepImagesRemovedIsRefusedBeforeAnythingChanges() throws Exception {
        Stage stage = threeVersions();
        World w = stage.world();
        String v1 = idOf(w, "shop:v1");
        w.forget("shop:v1");
        Route before = w.serving(Stage.APP).orElseThrow();
        List<String> names = w.names();
        int entries = w.history().size();

        DeployResult r = stage.rollback(v1);

        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome());
        assertEquals(Phase.DISCOVER, r.failedPhase());
        assertTrue(r.error().startsWith("to: the image of deploy " + v1 + ", shop:v1 ("), r.error());
        assertTrue(r.error().contains("is no longer on unix:///var/run/docker.sock: retire.keepImages (5) removed it"), r.error());
        assertTrue(r.error().contains("Nothing on the server was changed") && r.error().contains("raise retire.keepImages"), r.error());
        assertEquals(before, w.serving(Stage.APP).orElseThrow());
        assertEquals(names, w.names());
        assertEquals(entries, w.history().size(), "refused before the lock: nothing recorded");
        assertFalse(w.locked());
    }

    @Test
    void anUnknownIdIsBadInputThatChangesNothing() throws Exception {
        Stage stage = threeVersions();
        Route before = stage.world().serving(Stage.APP).orElseThrow();

        DeployResult r = stage.rollback("20200101-000000-beef");

        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome());
        assertEquals(Phase.SPEC, r.failedPhase(), "the request is wrong: exit 2 on the command line");
        assertTrue(r.error().startsWith("to: no deploy, switch or rollback with id 20200101-000000-beef"), r.error());
        assertEquals(before, stage.world().serving(Stage.APP).orElseThrow());
    }

    @Test
    void aMalformedTargetIsRefusedBeforeTheSpecIsRead() throws Exception {
        Stage stage = threeVersions();
        DeployResult r = stage.rollback("$(id)");
        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome());
        assertTrue(r.error().startsWith("to: \"$(id)\" names no version"), r.error());
    }

    @Test
    void aFailedGateSwitchesNothingAndIsRecordedAsAFailedRollback() throws Exception {
        Stage stage = threeVersions();
        World w = stage.world();
        String v1 = idOf(w, "shop:v1");
        w.behaves("shop:v1", Behaviour.EXITS); // v1 no longer boots here (a database it needs is gone, say)
        Route before = w.serving(Stage.APP).orElseThrow();

        DeployResult r = stage.rollback(v1);

        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome(), r.error());
        assertEquals(Phase.GATE, r.failedPhase());
        assertEquals(before, w.serving(Stage.APP).orElseThrow());
        assertEquals(List.of("shop-blue", "shop-green"), w.names().stream().sorted().toList(), "the container it started went");
        assertEquals("rollback", last(w).action());
        assertEquals("FAILED_BEFORE_SWITCH", last(w).outcome());
        assertEquals(v1, last(w).rollbackOf());
        assertTrue(w.hasImage("shop:v1"), "a failed rollback never removes the kept image");
    }

    @Test
    void onSeveralHostsTheImageMustBeOnEveryHostBeforeTheFirstSwitch() throws Exception {
        Stage stage = Stage.twoHosts(tmp);
        List<World> worlds = List.copyOf(stage.worlds.values());
        for (World w : worlds) { // the same images, with the same ids, on both (as a registry's pull gives)
            w.image("shop:v1", Behaviour.HEALTHY).image("shop:v2", Behaviour.HEALTHY);
        }
        stage.deploy("shop:v1");
        stage.deploy("shop:v2");
        String v1 = idOf(worlds.get(0), "shop:v1");
        worlds.get(1).forget("shop:v1");
        Route first = worlds.get(0).serving(Stage.APP).orElseThrow();
        Route second = worlds.get(1).serving(Stage.APP).orElseThrow();

        DeployResult r = stage.rollback(v1);

        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome());
        assertTrue(r.error().startsWith("to: tcp://localhost:2375: the image of deploy " + v1), r.error());
        assertTrue(r.error().contains("Nothing on any host was changed"), r.error());
        assertEquals(first, worlds.get(0).serving(Stage.APP).orElseThrow(), "the first host was not switched");
        assertEquals(second, worlds.get(1).serving(Stage.APP).orElseThrow());

        worlds.get(1).image("shop:v1", Behaviour.HEALTHY); // back, but with another id
        assertEquals(Outcome.FAILED_BEFORE_SWITCH, stage.rollback(v1).outcome());
    }

    @Test
    void onSeveralHostsEveryHostGoesBack() throws Exception {
        Stage stage = Stage.twoHosts(tmp);
        List<World> worlds = List.copyOf(stage.worlds.values());
        for (World w : worlds) {
            w.image("shop:v1", Behaviour.HEALTHY).image("shop:v2", Behaviour.HEALTHY);
        }
        stage.deploy("shop:v1");
        stage.deploy("shop:v2");

        DeployResult r = stage.rollback("shop:v1");

        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
        for (World w : worlds) {
            Route live = w.serving(Stage.APP).orElseThrow();
            assertEquals(Color.BLUE, live.color());
            assertEquals("shop:v1", w.container("shop-blue").orElseThrow().imageName());
            assertEquals("rollback", last(w).action());
            assertNull(last(w).error());
        }
    }

    @Test
    void onSeveralHostsThatEachBuiltTheirOwnImageTheRollbackSaysSoBeforeAnySwitch() throws Exception {
        Stage stage = Stage.twoHosts(tmp);
        List<World> worlds = List.copyOf(stage.worlds.values());
        worlds.get(0).image("unrelated:1", Behaviour.HEALTHY); // so that the two hosts' builds get different ids, as Docker's do
        assertEquals(Outcome.SUCCEEDED, stage.deploy(null).outcome());
        assertEquals(Outcome.SUCCEEDED, stage.deploy(null).outcome());
        HistoryEntry firstOnHost1 = worlds.get(0).history().get(0);
        Route second = worlds.get(1).serving(Stage.APP).orElseThrow();
        Route first = worlds.get(0).serving(Stage.APP).orElseThrow();

        DeployResult r = stage.rollback(firstOnHost1.id());

        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome());
        assertTrue(r.error().startsWith("to: tcp://localhost:2375: the image of deploy " + firstOnHost1.id()), r.error());
        assertTrue(r.error().contains("it never ran there (each host of a multi-host app that builds keeps the images it built itself)"),
                r.error());
        assertEquals(first, worlds.get(0).serving(Stage.APP).orElseThrow(), "host 1 has the image, and still was not touched");
        assertEquals(second, worlds.get(1).serving(Stage.APP).orElseThrow());
    }
}
