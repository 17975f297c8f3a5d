package dev.protostar.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.protostar.core.api.Event;
import dev.protostar.core.api.Phase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The phase a failed command names is one the log shows as failed. */
class TimelineTest {
    private final List<Event> events = new ArrayList<>();
    private final Timeline timeline = new Timeline(events::add);

    @Test
    void aBuildThatFailedAsideIsTheFailedPhaseNotTheOneTheCommandWasIn() {
        assertThrows(IllegalStateException.class, () -> timeline.runAside(Phase.BUILD, () -> {
            throw new IllegalStateException("stopped on request");
        }));
        timeline.run(Phase.DISCOVER, () -> { });

        assertEquals(Phase.DISCOVER, timeline.current());
        assertEquals(Phase.BUILD, timeline.failedPhase());
    }

    @Test
    void theCurrentPhaseWhenItFailedItself() {
        assertThrows(IllegalStateException.class, () -> timeline.runAside(Phase.BUILD, () -> {
            throw new IllegalStateException("no Dockerfile");
        }));
        assertThrows(IllegalStateException.class, () -> timeline.run(Phase.DISCOVER, () -> {
            throw new IllegalStateException("nginx does not answer");
        }));

        assertEquals(Phase.DISCOVER, timeline.failedPhase());
    }

    @Test
    void theCurrentPhaseWhenNoneFailed() {
        timeline.run(Phase.BOOT, () -> { });

        assertEquals(Phase.BOOT, timeline.failedPhase());
    }

    @Test
    void aCheckThatFoundProblemsEndsFailed() {
        timeline.check(Phase.VERIFY, () -> List.of("a", "b"));
        timeline.check(Phase.VERIFY, List::of);

        assertEquals(List.of(Event.Kind.STARTED, Event.Kind.FAILED, Event.Kind.STARTED, Event.Kind.FINISHED),
                events.stream().map(Event::kind).toList());
        assertEquals("found 2 problem(s)", events.get(1).message());
        assertEquals(Phase.VERIFY, timeline.failedPhase());
    }
}
