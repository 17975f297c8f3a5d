package dev.protostar.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Event;
import dev.protostar.core.api.Outcome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate of a switch: a color that kept running is asked once; one the switch had to start again takes the full streak. */
class SwitchGateTest {
    @TempDir
    Path tmp;

    private Stage twoVersions() throws Exception {
        return Stage.twoVersions(tmp, 3);
    }

    private static String gateLine(Stage stage) {
        return stage.events.stream().map(Event::message).filter(m -> m.contains(" passed ")).findFirst().orElseThrow();
    }

    @Test
    void aRunningPreviousColorIsAskedOnce() throws Exception {
        Stage stage = twoVersions();
        DeployResult r = stage.switchTo("previous");
        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
        String line = gateLine(stage);
        assertTrue(line.contains("passed a health check on") && line.contains("(1 probe; it was running, so one passing check is "
                + "enough, not 3 in a row)"), line);
    }

    /** Asked as the switch began, beside its lock and discover: the gate takes that answer as its one probe. */
    @Test
    void aRunningPreviousColorAskedAsTheSwitchBeganIsNotAskedAgain() throws Exception {
        Stage stage = twoVersions();
        stage.world().probesAreSlow(true);
        int[] probes = {0};
        stage.world().at("gate.probe", () -> probes[0]++);
        DeployResult r = stage.switchTo("previous");
        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
        assertEquals(1, probes[0], "one probe of the previous color in all");
        assertTrue(gateLine(stage).contains("(1 probe; it was running"), gateLine(stage));
    }

    /** Docker restarted the container after it answered: that answer was of a run that is gone, so the gate asks again. */
    @Test
    void anAnswerAskedAheadOfAContainerThatRestartedSinceIsNotTaken() throws Exception {
        Stage stage = twoVersions();
        String previous = stage.spec.containerName(stage.world().serving(Stage.APP).orElseThrow().color().other());
        stage.world().probesAreSlow(true);
        int[] probes = {0};
        stage.world().at("gate.probe", () -> {
            if (probes[0]++ == 0) {
                stage.world().restart(previous); // right after its run was read, before it answers
            }
        });
        DeployResult r = stage.switchTo("previous");
        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
        assertEquals(2, probes[0], "asked ahead, then again by the gate");
    }

    @Test
    void aStoppedPreviousColorTakesTheFullStreakAfterItsRestart() throws Exception {
        Stage stage = twoVersions();
        String previous = stage.spec.containerName(stage.world().serving(Stage.APP).orElseThrow().color().other());
        stage.world().crash(previous);
        DeployResult r = stage.switchTo("previous");
        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
        String line = gateLine(stage);
        assertTrue(line.contains("passed 3 health checks in a row on") && line.contains("(3 probes)"), line);
    }
}
