package dev.protostar.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Outcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A switch tells nginx's router that its change is coming, so that other apps' changes of the process wait a moment to
 * share its reload; however it ends, nobody waits for it afterwards, and a switch that must start its color first (seconds)
 * takes it back before that.
 */
class SwitchAnnouncesItsChangeTest {
    @TempDir
    Path tmp;

    private Stage twoVersions() throws Exception {
        return Stage.twoVersions(tmp, 3);
    }

    /** Whether the switch's change was announced at each probe of its gate. */
    private static List<Boolean> announcedAtTheGate(Stage stage) {
        List<Boolean> seen = new ArrayList<>();
        stage.world().at("gate.probe", () -> seen.add(stage.world().announced(Stage.APP)));
        return seen;
    }

    @Test
    void aSwitchAnnouncesItsChangeUntilItMakesIt() throws Exception {
        Stage stage = twoVersions();
        List<Boolean> seen = announcedAtTheGate(stage);

        DeployResult r = stage.switchTo("previous");

        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
        assertEquals(List.of(true), seen, "announced while it gated");
        assertFalse(stage.world().announced(Stage.APP), "made: nobody waits for it");
    }

    @Test
    void aSwitchThatMustStartItsColorFirstTakesItBackBeforeItsStart() throws Exception {
        Stage stage = twoVersions();
        stage.world().crash(stage.spec.containerName(stage.world().serving(Stage.APP).orElseThrow().color().other()));
        List<Boolean> seen = announcedAtTheGate(stage);

        DeployResult r = stage.switchTo("previous");

        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
        assertTrue(!seen.isEmpty() && !seen.contains(true), "not announced while it started and gated: " + seen);
    }

    @Test
    void aSwitchThatFailsBeforeItsChangeTakesItBack() throws Exception {
        Stage stage = twoVersions();
        String previous = stage.spec.containerName(stage.world().serving(Stage.APP).orElseThrow().color().other());
        stage.world().unhealthy(previous, "connection refused");

        DeployResult r = stage.switchTo("previous");

        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome());
        assertFalse(stage.world().announced(Stage.APP));
    }

    @Test
    void aSwitchToTheLiveColorTakesItBack() throws Exception {
        Stage stage = twoVersions();
        String live = stage.world().serving(Stage.APP).orElseThrow().color().word();

        DeployResult r = stage.switchTo(live);

        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
        assertFalse(stage.world().announced(Stage.APP));
    }
}
