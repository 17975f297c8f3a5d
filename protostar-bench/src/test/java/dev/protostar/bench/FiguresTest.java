package dev.protostar.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The figures the report is made of, on hand-made request records (no Docker, no nginx). */
class FiguresTest {
    private static Request ok(long start, String color) {
        return new Request("fresh", "/", start, start + 1_000, 200, color, null);
    }

    private static Request failed(long start) {
        return new Request("fresh", "/", start, start + 1_000, 502, null, null);
    }

    private static Action cutover(long start, long decision, long end, String from, String to) {
        return new Action(Action.Kind.CUTOVER, 1, start, end, decision, from, to, null, 0, 0, 0, 0, Map.of());
    }

    @Test
    void switchLatencyEndsAtTheFirstRequestAfterTheLastOldOrFailedOne() {
        List<Request> r = new ArrayList<>();
        r.add(ok(900_000, "blue"));
        r.add(ok(1_010_000, "blue"));    // after the decision, old color
        r.add(ok(1_050_000, "green"));   // new, but an old one follows
        r.add(failed(1_080_000));        // a failure counts as not new
        r.add(ok(1_120_000, "green"));   // from here on only green
        r.add(ok(1_150_000, "green"));
        Action a = cutover(500_000, 1_000_000, 1_500_000, "blue", "green");
        Figures f = new Figures("protostar", r, List.of(a), 0, 2_000_000);
        assertEquals(120_000, f.switchLatency(a));
    }

    @Test
    void aSwitchThatNeverCompletesBeforeTheNextActionLastsUntilThen() {
        List<Request> r = List.of(ok(1_010_000, "blue"), ok(1_900_000, "blue"));
        Action a = cutover(500_000, 1_000_000, 1_500_000, "blue", "green");
        Action next = new Action(Action.Kind.ROLLBACK, 1, 2_000_000, 2_200_000, 2_100_000, "green", "blue", null, 0, 0, 0, 0, Map.of());
        Figures f = new Figures("protostar", r, List.of(a, next), 0, 3_000_000);
        assertEquals(1_000_000, f.switchLatency(a));
    }

    @Test
    void overheadIsWallTimeLessBuildAndTheAppsOwnStart() {
        Action a = new Action(Action.Kind.CUTOVER, 1, 0, 3_000_000, 2_000_000, "blue", "green", null, 1_000, 1_100_000, 1_600_000,
                1_800_000, Map.of());
        Figures f = new Figures("protostar", List.of(), List.of(a), 0, 4_000_000);
        assertArrayEquals(new long[] {1_500_000}, f.overhead());
        assertArrayEquals(new long[] {200_000}, f.readiness());
    }

    @Test
    void percentilesAreNearestRank() {
        long[] v = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
        assertEquals(50, Figures.percentile(v, 50));
        assertEquals(100, Figures.percentile(v, 95));
        assertEquals(100, Figures.max(v));
        assertEquals(-1, Figures.percentile(new long[0], 50));
    }

    @Test
    void theAppsStampsAndBodiesAreRead() {
        assertEquals(1_795_610_282_447_405L, Clock.fromStat("2026-11-25 12:38:02.447405697 +0000"));
        assertEquals("green", Load.colorOf(200, "v3 green\n"));
        assertEquals("blue", Load.colorOf(200, "slow v3 blue\n"));
        assertNull(Load.colorOf(502, "bad gateway"));
    }
}
