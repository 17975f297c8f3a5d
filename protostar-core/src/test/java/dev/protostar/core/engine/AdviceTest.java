package dev.protostar.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.Advice;
import dev.protostar.core.api.DeployRequest;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Event;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import dev.protostar.core.api.VerifyRequest;
import dev.protostar.core.api.VerifyResult;
import dev.protostar.core.engine.fake.Behaviour;
import dev.protostar.core.engine.fake.World;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's next-step advice is the caller's: no command-line words reach a caller that brings its own. */
class AdviceTest {
    /** A caller's own words, marked so that they can be told from the command line's. */
    static final class Marked implements Advice {
        private static final long serialVersionUID = 1L;

        @Override
        public String switchTo(String target) {
            return "<switch " + target + ">";
        }

        @Override
        public String status() {
            return "<status>";
        }

        @Override
        public String releaseLock(String holder) {
            return "<release " + holder + ">";
        }

        @Override
        public String specLocation() {
            return "<spec>";
        }

        @Override
        public String history() {
            return "<history>";
        }

        @Override
        public String rollbackField() {
            return "<to>";
        }
    }

    @TempDir
    Path tmp;
    Stage stage;
    World world;

    @BeforeEach
    void greenServesV2WithBlueWarm() throws Exception {
        stage = Stage.oneHost(tmp);
        world = stage.world().image("shop:v1", Behaviour.HEALTHY).image("shop:v2", Behaviour.HEALTHY);
        assertEquals(Outcome.SUCCEEDED, stage.deploy("shop:v1").outcome());
        assertEquals(Outcome.SUCCEEDED, stage.deploy("shop:v2").outcome());
        stage.events.clear();
    }

    @Test
    void verifyAdvisesInTheCallersWordsAndEndsItsPhaseFailedWhenItFoundProblems() {
        world.crash("shop-blue"); // nginx's backup for green no longer runs

        VerifyResult r = Engine.verify(new VerifyRequest(stage.specFile, List.of(), null, new Marked()), stage.events::add,
                new FakeHosts(stage.worlds));

        assertFalse(r.ok());
        String all = String.join("\n", r.problems());
        assertTrue(all.contains("<switch green> routes it afresh"), all);
        assertFalse(all.contains("protostar "), all);
        List<Event> verify = stage.events.stream().filter(e -> e.phase() == Phase.VERIFY && e.kind() != Event.Kind.STARTED
                && e.kind() != Event.Kind.INFO && e.kind() != Event.Kind.WARNING).toList();
        assertEquals(1, verify.size(), verify.toString());
        assertEquals(Event.Kind.FAILED, verify.get(0).kind(), "no ✓ above the problems");
        assertEquals("found " + r.problems().size() + " problem(s)", verify.get(0).message());
    }

    @Test
    void aCleanVerifyEndsItsPhaseDone() {
        VerifyResult r = stage.verify();

        assertTrue(r.ok(), r.problems().toString());
        assertTrue(stage.events.stream().anyMatch(e -> e.phase() == Phase.VERIFY && e.kind() == Event.Kind.FINISHED));
        assertTrue(stage.events.stream().noneMatch(e -> e.kind() == Event.Kind.FAILED));
    }

    @Test
    void theDefaultIsTheCommandLine() {
        world.crash("shop-green"); // the live color's container

        String all = String.join("\n", stage.verify().problems());

        assertTrue(all.contains("protostar switch --to blue moves traffic to blue"), all);
    }

    @Test
    void noSwitchIsAdvisedToAColorWithoutARunningContainer() {
        world.remove("shop-green"); // the live color's container is gone
        world.crash("shop-blue"); // and the standby is stopped

        String all = String.join("\n", stage.verify().problems());

        assertFalse(all.contains("switch --to"), all);
        assertTrue(all.contains("protostar deploy brings up a new version"), all);
    }

    @Test
    void noSwitchIsAdvisedToAStandbyDockerCallsUnhealthy() {
        world.remove("shop-green"); // the live color's container is gone
        world.unhealthy("shop-blue", "exit 1: database unreachable"); // the standby runs, but a switch would refuse it

        String all = String.join("\n", stage.verify().problems());

        assertFalse(all.contains("switch --to"), all);
        assertTrue(all.contains("protostar deploy brings up a new version (shop-blue, the other color, is unhealthy"), all);
    }

    @Test
    void aSwitchToAColorDockerCallsUnhealthySaysSoWithItsHealthLogAndKeepsTheLiveColor() {
        world.unhealthy("shop-blue", "exit 1: database unreachable");

        DeployResult r = stage.switchTo("blue");

        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome(), r.error());
        assertTrue(r.error().contains("shop-blue runs, but Docker calls it unhealthy"), r.error());
        assertTrue(r.error().contains("exit 1: database unreachable"), "the health log's tail: " + r.error());
        assertTrue(r.error().contains("green is still live and was never switched away from."), r.error());
        assertFalse(r.error().contains("deploy again"), r.error());
        assertEquals(dev.protostar.core.spec.Color.GREEN, world.serving(Stage.APP).orElseThrow().color());
    }

    @Test
    void aKeptWarmColorNamesTheCallersRollback() {
        world.image("shop:v3", Behaviour.HEALTHY);

        DeployResult r = Engine.deploy(new DeployRequest(stage.specFile, "shop:v3", "test", null, List.of(), null, null, new Marked()),
                stage.events::add, new FakeHosts(stage.worlds));

        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
        String said = stage.events.stream().map(Event::message).reduce("", (a, b) -> a + b + "\n");
        assertTrue(said.contains("for an instant rollback (<switch previous>)"), said);
        assertFalse(said.contains("protostar "), said);
    }

    @Test
    void aDeployRefusedWhileTheBackupServesNamesTheCallersSwitchAndThePhaseItStoppedIn() {
        world.crash("shop-green"); // the live color's container: nginx's backup, blue, serves everything
        world.image("shop:v3", Behaviour.HEALTHY);

        DeployResult r = Engine.deploy(new DeployRequest(stage.specFile, "shop:v3", "test", null, List.of(), null, null, new Marked()),
                stage.events::add, new FakeHosts(stage.worlds));

        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome());
        assertEquals(Phase.DISCOVER, r.failedPhase(), r.error());
        assertTrue(r.error().contains("Run <switch blue> first (health-gated), then deploy."), r.error());
    }

    @Test
    void aMissingSpecIsNamedInTheCallersWords() {
        DeployResult r = Engine.deploy(new DeployRequest(tmp.resolve("none.yml").toString(), "shop:v3", "test", null, List.of(),
                null, null, new Marked()), stage.events::add, new FakeHosts(stage.worlds));

        assertEquals(Phase.SPEC, r.failedPhase());
        assertTrue(r.error().contains("(<spec>)"), r.error());
    }

    @Test
    void aRollbackNamesItsFieldAndTheHistoryInTheCallersWords() {
        DeployResult r = Engine.rollback(new dev.protostar.core.api.RollbackRequest(stage.specFile, "20200101-000000-beef", "test",
                List.of(), null, null, new Marked()), stage.events::add, new FakeHosts(stage.worlds));

        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome());
        assertTrue(r.error().startsWith("<to>: no deploy, switch or rollback with id 20200101-000000-beef"), r.error());
        assertTrue(r.error().contains("(<history> lists the ids)"), r.error());
        assertFalse(r.error().contains("protostar "), r.error());

        world.forget("shop:v1");
        DeployResult gone = Engine.rollback(new dev.protostar.core.api.RollbackRequest(stage.specFile, "shop:v1", "test",
                List.of(), null, null, new Marked()), stage.events::add, new FakeHosts(stage.worlds));
        assertTrue(gone.error().startsWith("<to>: the image of tag shop:v1"), gone.error());
        assertTrue(gone.error().contains("(<history> marks them)"), gone.error());
        assertFalse(gone.error().contains("protostar "), gone.error());
    }
}
