package dev.protostar.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Event;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import dev.protostar.core.engine.fake.Behaviour;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gate that waits says so every few seconds, with what the app answered last, instead of staying silent. */
class GateWaitingTest {
    @TempDir
    Path tmp;

    @Test
    void aWaitingGateReportsItsElapsedTimeAndLastAnswerEveryFewSeconds() throws Exception {
        Stage stage = Stage.oneHostWithGateDeadline(tmp, "22s");
        stage.world().image("shop:v1", Behaviour.FAILING);

        DeployResult r = stage.deploy("shop:v1");

        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome());
        List<Event> waiting = waiting(stage);
        assertEquals(List.of(5_000L, 10_000L, 15_000L, 20_000L), waiting.stream().map(Event::millis).toList(), waiting.toString());
        for (Event e : waiting) {
            assertEquals(Phase.GATE, e.phase());
            assertEquals("last answer 500 ok", e.message());
        }
    }

    @Test
    void aGateThatPassesAtOnceSaysNothingAboutWaiting() throws Exception {
        Stage stage = Stage.oneHostWithGateDeadline(tmp, "22s");
        stage.world().image("shop:v1", Behaviour.HEALTHY);

        assertEquals(Outcome.SUCCEEDED, stage.deploy("shop:v1").outcome());
        assertEquals(List.of(), waiting(stage));
    }

    @Test
    void theLastAnswerIsShownOnOneShortLine() {
        assertEquals("{ \"status\": \"starting\" }", HealthGate.shortened("{\n  \"status\": \"starting\"\n}\n"));
        String shown = HealthGate.shortened("x".repeat(500));
        assertEquals(61, shown.length());
        assertTrue(shown.endsWith("…"));
    }

    private static List<Event> waiting(Stage stage) {
        return stage.events.stream().filter(e -> e.kind() == Event.Kind.WAITING).toList();
    }
}
