package dev.protostar.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.HistoryEntry;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.engine.fake.Behaviour;
import dev.protostar.core.engine.fake.Killed;
import dev.protostar.core.engine.fake.World;
import dev.protostar.core.router.Route;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A switch writes no intent into the app's state (a copy before every reload); its lock names it. A switch that dies after
 * its reload is found by the command that takes its lock over, which verifies it and records it, or switches back; one
 * that dies before its reload leaves nothing to finish.
 */
class SwitchIntentInItsLockTest {
    @TempDir
    Path tmp;

    private Stage stage;
    private World w;
    private Route live;

    @BeforeEach
    void twoVersions() throws Exception {
        stage = Stage.oneHost(tmp);
        w = stage.world().image("shop:v1", Behaviour.HEALTHY).image("shop:v2", Behaviour.HEALTHY);
        assertEquals(Outcome.SUCCEEDED, stage.deploy("shop:v1").outcome());
        assertEquals(Outcome.SUCCEEDED, stage.deploy("shop:v2").outcome());
        live = w.serving(Stage.APP).orElseThrow();
    }

    private void switchKilledAt(String step) {
        w.crashAt(step);
        assertThrows(Killed.class, () -> stage.switchTo("previous"));
        assertTrue(w.locked(), "a killed switch leaves its lock behind");
    }

    private List<HistoryEntry> finishedBy() {
        return w.history().stream().filter(h -> h.error() != null && h.error().startsWith("finished by")).toList();
    }

    @Test
    void aSwitchWritesNoIntentAndIsRecorded() {
        int intents = w.intentsWritten();
        int records = w.history().size();

        DeployResult r = stage.switchTo("previous");

        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
        assertEquals(live.color().other(), w.serving(Stage.APP).orElseThrow().color());
        assertEquals(intents, w.intentsWritten(), "no copy of an intent before the reload");
        assertEquals(records + 1, w.history().size());
        assertFalse(w.intentLeft());
        assertFalse(w.locked());
    }

    @Test
    void aSwitchKilledAfterItsReloadIsVerifiedAndRecordedByTheCommandThatTakesItsLockOver() {
        switchKilledAt("switch.confirmed");
        Route switched = w.serving(Stage.APP).orElseThrow();
        assertEquals(live.color().other(), switched.color(), "it switched before it died");

        DeployResult next = stage.switchTo(switched.color().word());

        assertEquals(Outcome.SUCCEEDED, next.outcome(), next.error());
        assertTrue(stage.warnings().contains("took over the deploy lock"), stage.warnings());
        assertTrue(stage.warnings().contains("passes verify now, so it is recorded as done"), stage.warnings());
        assertEquals(switched.color(), w.serving(Stage.APP).orElseThrow().color());
        assertEquals(1, finishedBy().size(), w.history().toString());
        assertEquals(switched.deployId(), finishedBy().get(0).id(), "recorded as the dead switch");
        assertEquals("switch", finishedBy().get(0).action());
        assertFalse(w.intentLeft());
        assertFalse(w.locked());
    }

    @Test
    void aSwitchKilledAfterItsReloadWhoseColorFailsNowIsSwitchedBackHealthGated() {
        String target = "shop-" + live.color().other().word();
        w.at("switch.confirmed", () -> w.crash(target));
        switchKilledAt("switch.confirmed");

        DeployResult next = stage.switchTo(live.color().word());

        assertEquals(Outcome.SUCCEEDED, next.outcome(), next.error());
        assertTrue(stage.warnings().contains("it fails now") && stage.warnings().contains("switching back to " + live.color()),
                stage.warnings());
        assertEquals(live.color(), w.serving(Stage.APP).orElseThrow().color());
        assertFalse(w.intentLeft());
        assertFalse(w.locked());
    }

    @Test
    void aSwitchKilledBeforeItsReloadLeavesNothingToFinish() {
        switchKilledAt("switch.recorded");
        assertEquals(live.color(), w.serving(Stage.APP).orElseThrow().color(), "nginx serves as before");

        DeployResult next = stage.switchTo("previous");

        assertEquals(Outcome.SUCCEEDED, next.outcome(), next.error());
        assertFalse(stage.warnings().contains("recorded as done"), stage.warnings());
        assertEquals(live.color().other(), w.serving(Stage.APP).orElseThrow().color());
        assertTrue(finishedBy().isEmpty(), w.history().toString());
        assertFalse(w.intentLeft());
        assertFalse(w.locked());
    }

    /** The dead switch is known from its lock only until that lock is taken over: the next holder writes it down first. */
    @Test
    void aCommandThatDiesWhileItFinishesADeadSwitchLeavesItToTheNext() {
        switchKilledAt("switch.confirmed");
        Route switched = w.serving(Stage.APP).orElseThrow();
        w.crashAt("history.appending");
        assertThrows(Killed.class, () -> stage.switchTo(switched.color().word()));
        assertTrue(w.intentLeft(), "the dead switch's intent, written down before it was finished");

        DeployResult third = stage.switchTo(switched.color().word());

        assertEquals(Outcome.SUCCEEDED, third.outcome(), third.error());
        assertEquals(1, finishedBy().size(), w.history().toString());
        assertEquals(switched.deployId(), finishedBy().get(0).id());
        assertFalse(w.intentLeft());
        assertFalse(w.locked());
    }

    /** The intent goes down as the lock is taken over, before anything that can fail: a command that fails right after leaves it. */
    @Test
    void theCommandThatTakesADeadSwitchsLockOverWritesItsIntentDownBeforeItReadsTheLiveRoute() {
        switchKilledAt("switch.confirmed");
        Route switched = w.serving(Stage.APP).orElseThrow();
        w.editIncludeWithoutReload(live); // the next command's discover fails: the include names what nginx does not serve
        DeployResult failed = stage.switchTo(switched.color().word());
        assertEquals(Outcome.FAILED_BEFORE_SWITCH, failed.outcome(), failed.error());
        assertFalse(w.locked(), "it failed cleanly and released the lock");
        assertTrue(w.intentLeft(), "with the dead switch's intent written down");
        w.editIncludeWithoutReload(switched);

        DeployResult third = stage.switchTo(switched.color().word());

        assertEquals(Outcome.SUCCEEDED, third.outcome(), third.error());
        assertEquals(1, finishedBy().size(), w.history().toString());
        assertEquals(switched.deployId(), finishedBy().get(0).id());
        assertFalse(w.intentLeft());
    }

    /** Verify failed and so did the switch back: nginx may serve what failed, so the next command looks again. */
    @Test
    void aSwitchThatCouldNotSwitchBackLeavesItsIntent() {
        String target = "shop-" + live.color().other().word();
        w.at("switch.confirmed", () -> {
            w.crash(target);
            w.nginxRejects(true);
        });

        DeployResult r = stage.switchTo("previous");

        assertEquals(Outcome.FAILED, r.outcome(), r.error());
        assertTrue(w.intentLeft(), "the switch's intent, for the next command");
        w.nginxRejects(false);
        DeployResult next = stage.switchTo(live.color().word());
        assertEquals(Outcome.SUCCEEDED, next.outcome(), next.error());
        assertEquals(live.color(), w.serving(Stage.APP).orElseThrow().color());
        assertFalse(w.intentLeft());
    }
}
