package dev.protostar.jenkins.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.protostar.core.api.Event.Kind;
import dev.protostar.core.api.Event;
import dev.protostar.core.api.Phase;
import org.junit.jupiter.api.Test;

/** The step's prefix on the engine's lines ({@link dev.protostar.core.api.Wording}; SameWordsTest has a whole deploy's). */
class LogFormatTest {
    @Test
    void phasesShowTheirTime() {
        assertEquals("[protostar] ▸ build", LogFormat.line(new Event(Kind.STARTED, Phase.BUILD, "build", 0), false));
        assertEquals("[protostar] ✓ build       12.40 s", LogFormat.line(new Event(Kind.FINISHED, Phase.BUILD, "build", 12_400), false));
    }

    @Test
    void aFailedPhaseShowsTheFirstLineOfItsMessage() {
        String line = LogFormat.line(new Event(Kind.FAILED, Phase.GATE, "not healthy after 60 s\nlast log lines: ...", 60_000), false);
        assertEquals("[protostar] ✗ gate        60.00 s  not healthy after 60 s …", line);
    }

    @Test
    void infoAndWarningsAreIndented() {
        assertEquals("[protostar]     nest-green started", LogFormat.line(new Event(Kind.INFO, Phase.BOOT, "nest-green started", 0), false));
        assertEquals("[protostar]   ! lock taken over", LogFormat.line(new Event(Kind.WARNING, null, "lock taken over", 0), false));
    }

    @Test
    void aWaitingPhaseSaysForHowLongAndWhatItSawLast() {
        assertEquals("[protostar]     gate: 12 s, last answer 503 {\"status\":\"starting\"}",
                LogFormat.line(new Event(Kind.WAITING, Phase.GATE, "last answer 503 {\"status\":\"starting\"}", 12_400), false));
    }

    @Test
    void aHooksOutputAlways() {
        assertEquals("[protostar]     │ 3 migrations applied",
                LogFormat.line(new Event(Kind.OUTPUT, Phase.BEFORE_SWITCH, "3 migrations applied", 0), false));
        assertEquals("[protostar]     │ cache warm", LogFormat.line(new Event(Kind.OUTPUT, Phase.AFTER_SWITCH, "cache warm", 0), false));
        assertEquals("[protostar] ✗ beforeSwitch    4.00 s  hooks.beforeSwitch[0] (migrate): … exited with code 1 …",
                LogFormat.line(new Event(Kind.FAILED, Phase.BEFORE_SWITCH, "hooks.beforeSwitch[0] (migrate): … exited with code 1\nNothing", 4_000), false));
    }

    @Test
    void buildOutputOnlyWhenVerbose() {
        Event out = new Event(Kind.OUTPUT, Phase.BUILD, "Step 1/5 : FROM scratch", 0);
        assertNull(LogFormat.line(out, false));
        assertEquals("[protostar]     │ Step 1/5 : FROM scratch", LogFormat.line(out, true));
    }

    /** Lines of deploys in parallel branches name their app; before the app is known they are as they were. */
    @Test
    void linesNameTheirApp() {
        assertEquals("[protostar nest] ▸ gate", LogFormat.named("nest", "[protostar] ▸ gate"));
        assertEquals("[protostar] ▸ spec", LogFormat.named(null, "[protostar] ▸ spec"));
        assertEquals("nest", SpecDefaults.appOf("app: nest\nport: 3000\n"));
        assertNull(SpecDefaults.appOf("app: Nest Two\n"), "not an app name: the engine says so");
        assertNull(SpecDefaults.appOf("port: [\n"));
    }
}
