package dev.protostar.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.engine.fake.Behaviour;
import dev.protostar.core.engine.fake.World;
import dev.protostar.core.router.Route;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A switch writes its intent as its gate begins, beside the gate and nginx's change, and the reload waits for it: traffic
 * never moves without the intent in place for the next command, and a switch that stops before its reload leaves an
 * intent the next command clears.
 */
class IntentBesideTheSwitchTest {
    @TempDir
    Path tmp;

    private Stage twoVersions() throws Exception {
        Stage stage = Stage.oneHost(tmp);
        stage.world().image("shop:v1", Behaviour.HEALTHY).image("shop:v2", Behaviour.HEALTHY);
        assertEquals(Outcome.SUCCEEDED, stage.deploy("shop:v1").outcome());
        assertEquals(Outcome.SUCCEEDED, stage.deploy("shop:v2").outcome());
        return stage;
    }

    @Test
    void aSwitchWhoseIntentCannotBeWrittenMovesNoTraffic() throws Exception {
        Stage stage = twoVersions();
        World w = stage.world();
        Route live = w.serving(Stage.APP).orElseThrow();
        int records = w.history().size();
        w.intentWritesFail(true);

        DeployResult r = stage.switchTo("previous");

        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome(), r.error());
        assertTrue(r.error().contains("could not write its intent") && r.error().contains("nothing was reloaded"), r.error());
        assertEquals(live, w.serving(Stage.APP).orElseThrow(), "nginx serves as before");
        assertEquals(live, w.routed(Stage.APP).orElseThrow(), "and its include names the live color again");
        assertFalse(w.intentLeft());
        assertEquals(records + 1, w.history().size(), "the failed switch is recorded");
        assertFalse(w.locked());
    }

    @Test
    void aSwitchWritesItsIntentBeforeTheReloadAndClearsItWithItsRecord() throws Exception {
        Stage stage = twoVersions();
        World w = stage.world();
        boolean[] intentAtReload = {false};
        w.at("switch.reloaded", () -> intentAtReload[0] = w.intentLeft());

        DeployResult r = stage.switchTo("previous");

        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
        assertTrue(intentAtReload[0], "the intent was in place when nginx reloaded");
        assertFalse(w.intentLeft());
    }

    @Test
    void aSwitchWhoseGateFailsWroteItsIntentAsTheGateBeganAndClearsItWithItsRecord() throws Exception {
        Stage stage = twoVersions();
        World w = stage.world();
        Route live = w.serving(Stage.APP).orElseThrow();
        int before = w.intentsWritten();
        w.at("gate.probe", () -> w.crash("shop-blue")); // blue, the previous color, exits as its gate probes it

        DeployResult r = stage.switchTo("previous");

        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome(), r.error());
        assertEquals(before + 1, w.intentsWritten(), "written as the gate began, though the gate then failed");
        assertFalse(w.intentLeft(), "cleared with the failed switch's record");
        assertEquals(live, w.serving(Stage.APP).orElseThrow(), "nginx serves as before");
        assertFalse(w.locked());
    }

    @Test
    void aSwitchKilledInItsGateLeavesAnIntentTheNextSwitchClears() throws Exception {
        Stage stage = twoVersions();
        World w = stage.world();
        Route live = w.serving(Stage.APP).orElseThrow();
        w.crashAt("gate.probe");
        org.junit.jupiter.api.Assertions.assertThrows(dev.protostar.core.engine.fake.Killed.class, () -> stage.switchTo("previous"));
        assertEquals(live, w.serving(Stage.APP).orElseThrow(), "the live color serves on");

        DeployResult next = stage.switchTo("previous");

        assertEquals(Outcome.SUCCEEDED, next.outcome(), next.error());
        assertEquals(live.color().other(), w.serving(Stage.APP).orElseThrow().color());
        assertFalse(w.intentLeft());
        assertFalse(w.locked());
    }
}
