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

    private static Request noRetry(long start, boolean newConnection, String error) {
        return new Request(newConnection ? NoRetryClient.NEW_CONNECTION : NoRetryClient.CLIENT, "/", start, start + 500, error == null ? 200 : 0,
                error == null ? "blue" : null, error);
    }

    @Test
    void theNonRetryingClientsRequestsCountUnderTheLastActionThatBeganBeforeThem() {
        Action cut = cutover(1_000_000, 1_200_000, 2_000_000, "blue", "green");
        Action back = new Action(Action.Kind.ROLLBACK, 1, 3_000_000, 3_500_000, 3_200_000, "green", "blue", null, 0, 0, 0, 0, Map.of());
        List<Request> r = List.of(
                noRetry(100_000, true, null),                                          // before any action
                noRetry(1_300_000, false, NoRetryClient.CLOSED_IDLE + ": closed"),    // during the cutover
                noRetry(1_310_000, true, null),
                noRetry(2_500_000, false, NoRetryClient.RESET + ": reset"),           // after it, before the rollback: still its
                noRetry(2_510_000, true, null),
                noRetry(3_300_000, false, NoRetryClient.CLOSED_BEFORE_ANSWER + ": eof"),
                noRetry(3_310_000, true, null),
                noRetry(3_400_000, false, "error: timed out"));
        Map<String, long[]> c = new Figures("command", List.of(), r, List.of(cut, back), 0, 4_000_000).noRetryCounts();
        assertArrayEquals(new long[] {1, 0, 0, 0, 0, 0, 1}, c.get("before"));
        assertArrayEquals(new long[] {4, 2, 1, 0, 1, 0, 2}, c.get("cutover"));
        assertArrayEquals(new long[] {3, 2, 0, 1, 0, 1, 1}, c.get("rollback"));
    }

    @Test
    void severalAppsWallTimesAreSortedPerApp() {
        Action a = cutover(0, 1, 3_000_000, "blue", "green").withAppWalls(List.of(3_000_000L, 5_000_000L), null);
        Action b = cutover(4_000_000, 4_000_001, 8_000_000, "green", "blue").withAppWalls(List.of(4_000_000L, 2_000_000L), null);
        long[][] w = new Figures("command×2", List.of(), List.of(a, b), 0, 9_000_000).appWalls(Action.Kind.CUTOVER);
        assertArrayEquals(new long[] {3_000_000, 4_000_000}, w[0]);
        assertArrayEquals(new long[] {2_000_000, 5_000_000}, w[1]);
        assertEquals(0, new Figures("command", List.of(), List.of(cutover(0, 1, 2, "blue", "green")), 0, 3).appWalls(Action.Kind.CUTOVER).length);
    }

    @Test
    void theAppsStampsAndBodiesAreRead() {
        assertEquals(1_795_610_282_447_405L, Clock.fromStat("2026-11-25 12:38:02.447405697 +0000"));
        assertEquals("green", Load.colorOf(200, "v3 green\n"));
        assertEquals("blue", Load.colorOf(200, "slow v3 blue\n"));
        assertNull(Load.colorOf(502, "bad gateway"));
    }
}
