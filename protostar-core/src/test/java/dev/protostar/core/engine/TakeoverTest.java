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
import dev.protostar.core.spec.Color;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A deploy killed at each step of its change, then the next command on the same host: it takes the lock over,
 * reads the dead deploy's intent, and finishes or undoes it. Green serves v2, blue is the warm v1; the deploy that
 * dies brings v3 to blue, setting the warm v1 aside.
 */
class TakeoverTest {
    @TempDir
    Path tmp;
    Stage stage;
    World world;
    Box warm;

    @BeforeEach
    void greenServesWithBlueWarm() throws Exception {
        stage = Stage.oneHost(tmp);
        world = stage.world().image("shop:v1", Behaviour.HEALTHY).image("shop:v2", Behaviour.HEALTHY).image("shop:v3", Behaviour.HEALTHY);
        assertEquals(Outcome.SUCCEEDED, stage.deploy("shop:v1").outcome());
        assertEquals(Outcome.SUCCEEDED, stage.deploy("shop:v2").outcome());
        warm = world.container("shop-blue").orElseThrow();
    }

    private void killedAt(String step) {
        world.crashAt(step);
        assertThrows(Killed.class, () -> stage.deploy("shop:v3"));
        assertFalse(stage.last.runner.alive());
        assertTrue(world.locked(), "a killed deploy leaves its lock behind");
    }

    @ParameterizedTest
    @ValueSource(strings = {"deploy.intended", "deploy.asideRenamed", "deploy.renamed", "switch.recorded", "switch.renamed",
            "switch.reloaded"})
    void diedBeforeItsChangeWasWholeTheNextCommandUndoesItAndPutsTheWarmColorBack(String step) {
        killedAt(step);

        DeployResult next = stage.switchTo("green");

        assertEquals(Outcome.SUCCEEDED, next.outcome(), next.error());
        assertTrue(stage.warnings().contains("took over the deploy lock"), stage.warnings());
        assertEquals(Color.GREEN, world.routed(Stage.APP).orElseThrow().color());
        assertEquals(Color.GREEN, world.serving(Stage.APP).orElseThrow().color());
        assertFalse(world.pendingFor(Stage.APP));
        assertSame(warm, world.container("shop-blue").orElseThrow(), "the warm v1 has its name back");
        assertTrue(warm.running());
        assertEquals(List.of("shop-blue", "shop-green"), world.names().stream().sorted().toList());
        assertFalse(world.locked());
        assertFalse(world.intentLeft(), "undone, so its intent is cleared");
    }

    @Test
    void diedAfterItsSwitchWasConfirmedTheNextCommandVerifiesItAndRecordsItAsDone() {
        killedAt("switch.confirmed");
        assertEquals(Color.BLUE, world.serving(Stage.APP).orElseThrow().color());

        DeployResult next = stage.switchTo("blue");

        assertEquals(Outcome.SUCCEEDED, next.outcome(), next.error());
        assertTrue(stage.warnings().contains("passes verify now, so it is recorded as done"), stage.warnings());
        assertEquals(Color.BLUE, world.serving(Stage.APP).orElseThrow().color());
        assertEquals("shop:v3", world.container("shop-blue").orElseThrow().imageName());
        assertTrue(world.history().stream().anyMatch(h -> "SUCCEEDED".equals(h.outcome()) && h.error() != null
                && h.error().startsWith("finished by")), world.history().toString());
        assertFalse(world.locked());
    }

    @Test
    void diedAfterItsSwitchWithAColorThatFailsNowTheNextCommandSwitchesBackHealthGated() {
        world.at("switch.confirmed", () -> world.crash("shop-blue"));
        killedAt("switch.confirmed");

        DeployResult next = stage.switchTo("green");

        assertEquals(Outcome.SUCCEEDED, next.outcome(), next.error());
        assertTrue(stage.warnings().contains("it fails now") && stage.warnings().contains("switching back to green"), stage.warnings());
        assertEquals(Color.GREEN, world.serving(Stage.APP).orElseThrow().color());
        assertSame(warm, world.container("shop-blue").orElseThrow(), "the warm v1 has its name back");
        assertEquals(List.of("shop-blue", "shop-green"), world.names().stream().sorted().toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"switchback.recorded", "switchback.renamed", "switchback.reloaded"})
    void diedDuringItsSwitchBackTheNextCommandCompletesTheSwitchBackNeverTheReverse(String step) {
        world.at("switch.confirmed", () -> world.crash("shop-blue"));
        killedAt(step);
        assertTrue(world.pendingFor(Stage.APP), "its record names the color it was going back to");

        DeployResult next = stage.switchTo("green");

        assertEquals(Outcome.SUCCEEDED, next.outcome(), next.error());
        assertEquals(Color.GREEN, world.serving(Stage.APP).orElseThrow().color());
        assertSame(warm, world.container("shop-blue").orElseThrow());
        assertEquals(List.of("shop-blue", "shop-green"), world.names().stream().sorted().toList());
    }

    @Test
    void anotherAppsReloadPutsTheCutChangeBackInsteadOfMakingItLive() throws Exception {
        killedAt("switch.renamed");
        assertEquals(Color.BLUE, world.routed(Stage.APP).orElseThrow().color(), "the include names the unverified color");
        Stage cart = stage.beside(tmp, "cart");
        world.image("cart:v1", Behaviour.HEALTHY);

        assertEquals(Outcome.SUCCEEDED, cart.deploy("cart:v1").outcome());

        assertEquals(Color.GREEN, world.serving(Stage.APP).orElseThrow().color());
        assertEquals(Color.GREEN, world.routed(Stage.APP).orElseThrow().color());
        assertFalse(world.pendingFor(Stage.APP));
        assertTrue(cart.warnings().contains("did not finish"), cart.warnings());
    }

    @Test
    void aCommandThatLosesItsLockWhileItRecordsLeavesTheNextHoldersIntent() {
        String next = "{\"id\":\"the-next-holder\"}";
        world.at("history.appending", () -> {
            world.lapseLease();
            world.intend(next);
        });
        stage.deploy("shop:v3");
        assertEquals(next, world.intent(), "cleared only by the command whose intent it is");
    }

    @Test
    void theNextDeployAfterATakeoverDeploysAsUsual() {
        killedAt("deploy.renamed");

        DeployResult next = stage.deploy("shop:v3");

        assertEquals(Outcome.SUCCEEDED, next.outcome(), next.error());
        assertEquals(Color.BLUE, world.serving(Stage.APP).orElseThrow().color());
        assertEquals(List.of("shop-blue", "shop-green"), world.names().stream().sorted().toList());
    }

    @Test
    void diedAfterItsSwitchWithAColorDockerRestartedSinceTheNextCommandSwitchesBack() {
        world.at("switch.confirmed", () -> world.restart("shop-blue"));
        killedAt("switch.confirmed");

        DeployResult next = stage.switchTo("green");

        assertEquals(Outcome.SUCCEEDED, next.outcome(), next.error());
        assertTrue(stage.warnings().contains("restarted by Docker"), stage.warnings());
        assertEquals(Color.GREEN, world.serving(Stage.APP).orElseThrow().color());
        assertSame(warm, world.container("shop-blue").orElseThrow());
        assertFalse(world.intentLeft());
    }

    @Test
    void diedDuringTheGateTheNextDeployRemovesTheContainerItStarted() {
        killedAt("gate.probe");
        assertTrue(world.names().stream().anyMatch(n -> n.startsWith("shop-blue-next-")), world.names().toString());

        DeployResult next = stage.deploy("shop:v3");

        assertEquals(Outcome.SUCCEEDED, next.outcome(), next.error());
        assertEquals(List.of("shop-blue", "shop-green"), world.names().stream().sorted().toList());
    }

    @Test
    void verifyNamesACutChangeUntilTheNextCommandPutsItBack() {
        killedAt("switch.renamed");

        assertTrue(stage.verify().problems().stream().anyMatch(p -> p.contains("did not finish")), stage.verify().problems().toString());
        assertEquals(Outcome.SUCCEEDED, stage.switchTo("green").outcome());
        assertEquals(List.of(), stage.verify().problems());
    }
}
