package dev.protostar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.protostar.core.api.Event;
import dev.protostar.core.api.Phase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The closing "total" line adds up to the wall time: the VM's start, the command line, the phases (as a union), the rest. */
class WallTimeTest {
    private static final long MS = 1_000_000;

    private static void span(WallTime w, Phase p, long fromMs, long toMs) {
        w.heard(new Event(Event.Kind.STARTED, p, p.word(), 0), fromMs * MS);
        w.heard(new Event(Event.Kind.FINISHED, p, p.word(), toMs - fromMs), toMs * MS);
    }

    @Test
    void theBuildBesideLockAndDiscoverCountsOnceAndTheLongestGapIsNamed() {
        WallTime w = new WallTime();
        span(w, Phase.SPEC, 100, 200);
        span(w, Phase.CONNECT, 200, 400);
        w.heard(new Event(Event.Kind.STARTED, Phase.BUILD, "build", 0), 400 * MS); // aside, from another thread
        span(w, Phase.LOCK, 400, 600);
        span(w, Phase.DISCOVER, 600, 700);
        w.heard(new Event(Event.Kind.FINISHED, Phase.BUILD, "build", 1000), 1400 * MS);
        w.heard(new Event(Event.Kind.INFO, Phase.BOOT, "a line that is no phase", 0), 1500 * MS);
        span(w, Phase.BOOT, 1650, 2000);
        // 0.50 + 2.25 s since main; phases 0.10-1.40 s and 1.65-2.00 s; gaps 0.25 s after the build and 0.25 s at the end
        assertEquals("= total        2.75 s java start 0.50 s + command line 0.10 s + phases 1.65 s + between and after them 0.50 s "
                + "(the longest: 0.25 s after build)", w.line(0, Duration.ofMillis(500), 2250 * MS));
    }

    @Test
    void withoutTheProcessStartTimeTheJavaStartIsLeftOut() {
        WallTime w = new WallTime();
        span(w, Phase.SPEC, 10, 20);
        assertEquals("= total        0.02 s command line 0.01 s + phases 0.01 s + between and after them 0.00 s", w.line(0, null, 20 * MS));
    }

    @Test
    void javaStartIsTheProcessAgeToTheTickNotToTheSecond() {
        long vm = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        java.time.Duration age = WallTime.javaStart();
        long vmAfter = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        org.junit.jupiter.api.Assertions.assertNotNull(age);
        // the process starts before its VM does; ProcessHandle's start time, with the boot time in whole seconds, was
        // up to a second off either way
        org.junit.jupiter.api.Assertions.assertTrue(age.toMillis() >= vm - 30, age + " against the VM's uptime " + vm + " ms");
        org.junit.jupiter.api.Assertions.assertTrue(age.toMillis() <= vmAfter + 5_000, age + " against the VM's uptime " + vmAfter + " ms");
    }
}
