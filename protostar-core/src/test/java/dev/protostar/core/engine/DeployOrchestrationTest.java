package dev.protostar.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import dev.protostar.core.engine.fake.Behaviour;
import dev.protostar.core.engine.fake.Box;
import dev.protostar.core.engine.fake.World;
import dev.protostar.core.router.Route;
import dev.protostar.core.spec.Color;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deploy and switch on a fake host: boot, gate, switch, verify, switch-back and retire, without Docker or nginx. */
class DeployOrchestrationTest {
    @TempDir
    Path tmp;
    Stage stage;
    World world;

    @BeforeEach
    void blueServesV1() throws Exception {
        stage = Stage.oneHost(tmp);
        world = stage.world().image("shop:v1", Behaviour.HEALTHY).image("shop:v2", Behaviour.HEALTHY);
        DeployResult first = stage.deploy("shop:v1");
        assertEquals(Outcome.SUCCEEDED, first.outcome(), first.error());
        assertEquals("blue", first.color());
    }

    @Test
    void aGoodDeployRoutesTheNewColorAndKeepsThePreviousWarmAsBackup() {
        DeployResult r = stage.deploy("shop:v2");

        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
        assertEquals("green", r.color());
        assertEquals("blue", r.previousColor());
        Route live = world.serving(Stage.APP).orElseThrow();
        assertEquals(Color.GREEN, live.color());
        assertEquals(world.container("shop-blue").orElseThrow().endpoint(), live.backup(), "the warm previous is nginx's backup");
        assertTrue(world.container("shop-blue").orElseThrow().running(), "kept warm for an instant rollback");
        assertEquals("shop:v2", world.container("shop-green").orElseThrow().imageName());
        assertEquals(java.util.List.of("shop-blue", "shop-green"), world.names().stream().sorted().toList(), "nothing left under a temporary name");
        assertFalse(world.locked());
        assertEquals("SUCCEEDED", world.history().get(world.history().size() - 1).outcome());
    }

    @Test
    void theThirdDeployReplacesTheIdleColorAndRetiresTheOneItSetAside() {
        stage.deploy("shop:v2");
        world.image("shop:v3", Behaviour.HEALTHY);

        DeployResult r = stage.deploy("shop:v3");

        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
        assertEquals("blue", r.color());
        assertEquals("shop:v3", world.container("shop-blue").orElseThrow().imageName());
        assertEquals(java.util.List.of("shop-blue", "shop-green"), world.names().stream().sorted().toList(), "the replaced v1 was removed");
    }

    @Test
    void aFailedGateSwitchesNothingAndKeepsTheWarmPrevious() {
        stage.deploy("shop:v2");
        Box warm = world.container("shop-blue").orElseThrow();
        world.image("shop:v3", Behaviour.EXITS);

        DeployResult r = stage.deploy("shop:v3");

        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome());
        assertEquals(Phase.GATE, r.failedPhase());
        assertTrue(r.error().contains("the container stopped"), r.error());
        assertEquals(Color.GREEN, world.serving(Stage.APP).orElseThrow().color());
        assertEquals(warm, world.container("shop-blue").orElseThrow(), "the instant rollback is the very container it was");
        assertTrue(warm.running());
        assertEquals(java.util.List.of("shop-blue", "shop-green"), world.names().stream().sorted().toList(), "the new container went");
        assertFalse(world.locked());
    }

    @Test
    void aRestartWhileGatedFailsTheGateThoughEveryProbePassed() {
        world.image("shop:v2r", Behaviour.RESTARTS_WHILE_GATED);

        DeployResult r = stage.deploy("shop:v2r");

        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome());
        assertEquals(Phase.GATE, r.failedPhase());
        assertTrue(r.error().contains("restarted by Docker") && r.error().contains("while it was gated"), r.error());
        assertEquals(Color.BLUE, world.serving(Stage.APP).orElseThrow().color());
        assertEquals(java.util.List.of("shop-blue"), world.names());
    }

    @Test
    void aCrashDuringVerifySwitchesBack() {
        world.at("switch.confirmed", () -> world.crash("shop-green"));

        DeployResult r = stage.deploy("shop:v2");

        assertEquals(Outcome.SWITCHED_BACK, r.outcome(), r.error());
        assertEquals(Phase.VERIFY, r.failedPhase());
        assertTrue(r.error().contains("stopped during verify") && r.error().contains("Traffic is back on blue"), r.error());
        assertEquals(Color.BLUE, world.serving(Stage.APP).orElseThrow().color());
        assertEquals(java.util.List.of("shop-blue"), world.names(), "the crashed new color was removed");
        assertFalse(world.pendingFor(Stage.APP));
        assertFalse(world.locked());
    }

    @Test
    void aSwitchBackTheFenceRefusesChangesNothingAndSaysWhoDecides() {
        world.at("switch.confirmed", () -> {
            world.lapseLease(); // paused past its lease
            world.crash("shop-green");
        });

        DeployResult r = stage.deploy("shop:v2");

        assertEquals(Outcome.FAILED, r.outcome());
        assertTrue(r.error().contains("It did not switch back") && r.error().contains("took the lock over decides"), r.error());
        assertEquals(Color.GREEN, world.serving(Stage.APP).orElseThrow().color(), "a fenced command changes nothing on nginx");
        assertFalse(world.pendingFor(Stage.APP));
    }

    @Test
    void aHolderPausedPastItsLeaseAfterWritingTheIncludeReloadsNothing() {
        world.at("switch.renamed", world::lapseLease);

        DeployResult r = stage.deploy("shop:v2");

        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome(), r.error());
        assertTrue(r.error().contains("nothing was reloaded"), r.error());
        assertEquals(Color.BLUE, world.serving(Stage.APP).orElseThrow().color());
        assertEquals(Color.BLUE, world.routed(Stage.APP).orElseThrow().color(), "the include was put back");
        assertFalse(world.pendingFor(Stage.APP));
    }

    @Test
    void aConfigNginxRejectsSwitchesNothing() {
        world.nginxRejects(true);

        DeployResult r = stage.deploy("shop:v2");

        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome());
        assertEquals(Phase.SWITCH, r.failedPhase());
        assertEquals(Color.BLUE, world.serving(Stage.APP).orElseThrow().color());
        assertEquals(Color.BLUE, world.routed(Stage.APP).orElseThrow().color());
    }

    @Test
    void aSwitchToPreviousIsHealthGatedAndMovesTraffic() {
        stage.deploy("shop:v2");

        DeployResult back = stage.switchTo("previous");

        assertEquals(Outcome.SUCCEEDED, back.outcome(), back.error());
        assertEquals("blue", back.color());
        assertEquals(Color.BLUE, world.serving(Stage.APP).orElseThrow().color());
        assertEquals(world.container("shop-green").orElseThrow().endpoint(), world.serving(Stage.APP).orElseThrow().backup());
    }

    @Test
    void aSwitchToADeadColorIsRefusedByItsGate() {
        stage.deploy("shop:v2");
        world.crash("shop-blue");
        world.container("shop-blue").orElseThrow();

        DeployResult back = stage.switchTo("blue");

        // the stopped color is started again for its gate; it answers, so the switch goes through health-gated
        assertEquals(Outcome.SUCCEEDED, back.outcome(), back.error());
        assertTrue(world.container("shop-blue").orElseThrow().running());
    }
}
