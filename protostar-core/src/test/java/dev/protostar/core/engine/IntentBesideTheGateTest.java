package dev.protostar.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.engine.fake.Behaviour;
import dev.protostar.core.engine.fake.Box;
import dev.protostar.core.engine.fake.Killed;
import dev.protostar.core.engine.fake.World;
import dev.protostar.core.router.Route;
import dev.protostar.core.spec.Color;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deploy writes its intent as its gate begins, beside the gate, and renames no container before it is on the engine:
 * the write costs the cutover nothing while the new color boots, and a deploy that dies in its gate leaves a gated
 * container that nothing routes to, which the next command removes.
 */
class IntentBesideTheGateTest {
    @TempDir
    Path tmp;

    private Stage stage;
    private World world;
    private Box warm;

    @BeforeEach
    void greenServesWithBlueWarm() throws Exception {
        stage = Stage.oneHost(tmp);
        world = stage.world().image("shop:v1", Behaviour.HEALTHY).image("shop:v2", Behaviour.HEALTHY)
                .image("shop:v3", Behaviour.HEALTHY).image("shop:bad", Behaviour.FAILING);
        assertEquals(Outcome.SUCCEEDED, stage.deploy("shop:v1").outcome());
        assertEquals(Outcome.SUCCEEDED, stage.deploy("shop:v2").outcome());
        warm = world.container("shop-blue").orElseThrow();
    }

    @Test
    void aDeployWhoseIntentCannotBeWrittenRenamesNothingAndTheLiveColorServes() {
        Route live = world.serving(Stage.APP).orElseThrow();
        world.intentWritesFail(true);

        DeployResult r = stage.deploy("shop:v3");

        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome(), r.error());
        assertTrue(r.error().contains("could not write its intent") && r.error().contains("nothing was switched"), r.error());
        assertEquals(live, world.serving(Stage.APP).orElseThrow(), "nginx serves as before");
        assertSame(warm, world.container("shop-blue").orElseThrow(), "the instant rollback keeps its name");
        assertEquals(List.of("shop-blue", "shop-green"), world.names().stream().sorted().toList(), "the gated container is gone");
        assertFalse(world.intentLeft());
        assertFalse(world.locked());
    }

    @Test
    void aDeployThatLostItsLockBeforeItsGateWritesNoIntentOverTheNextHolders() {
        int before = world.intentsWritten();
        world.at("deploy.booted", world::lapseLease);

        DeployResult r = stage.deploy("shop:v3");

        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome(), r.error());
        assertTrue(r.error().contains("no longer holds the lock"), r.error());
        assertEquals(before, world.intentsWritten(), "no intent written without the lock");
        assertSame(warm, world.container("shop-blue").orElseThrow(), "the instant rollback keeps its name");
        assertEquals(Color.GREEN, world.serving(Stage.APP).orElseThrow().color());
    }

    @Test
    void aDeployWhoseGateFailsClearsTheIntentItWroteWithItsRecord() {
        int before = world.intentsWritten();

        DeployResult r = stage.deploy("shop:bad");

        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome(), r.error());
        assertEquals(before + 1, world.intentsWritten(), "written as the gate began, though the gate then failed");
        assertFalse(world.intentLeft(), "cleared with the failed deploy's record");
        assertEquals("FAILED_BEFORE_SWITCH", world.history().get(world.history().size() - 1).outcome());
        assertEquals(List.of("shop-blue", "shop-green"), world.names().stream().sorted().toList());
        assertFalse(world.locked());
    }

    /** Whether the intent landed before the kill is a race here; either way the gated container goes. */
    @Test
    void aDeployKilledInItsGateLeavesWhatTheNextDeployClearsAway() {
        world.crashAt("gate.probe");
        assertThrows(Killed.class, () -> stage.deploy("shop:v3"));
        assertTrue(world.locked(), "a killed deploy leaves its lock behind");
        assertEquals(Color.GREEN, world.serving(Stage.APP).orElseThrow().color(), "green serves on");

        DeployResult next = stage.deploy("shop:v3");

        assertEquals(Outcome.SUCCEEDED, next.outcome(), next.error());
        assertEquals(Color.BLUE, world.serving(Stage.APP).orElseThrow().color());
        assertEquals("shop:v3", world.container("shop-blue").orElseThrow().imageName());
        assertEquals(List.of("shop-blue", "shop-green"), world.names().stream().sorted().toList(), "the gated container is gone");
        assertFalse(world.intentLeft());
        assertFalse(world.locked());
    }
}
