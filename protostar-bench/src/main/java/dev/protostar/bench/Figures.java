package dev.protostar.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** What one side's run measured, computed from its request records and its actions. */
final class Figures {
    /** Requests that start this long around a decision count as "around the switch". */
    static final long AROUND_BEFORE = 200_000;
    static final long AROUND_AFTER = 1_000_000;
    /** Requests this long after an action ended still count as disturbed, not steady. */
    static final long SETTLE_AFTER = 500_000;

    final String side;
    final List<Request> requests;
    final List<Action> actions;
    final long begin;
    final long end;

    /** The non-retrying keep-alive client's requests (empty when it did not run); not part of {@link #requests}. */
    final List<Request> noRetry;

    Figures(String side, List<Request> requests, List<Action> actions, long begin, long end) {
        this(side, requests, List.of(), actions, begin, end);
    }

    Figures(String side, List<Request> requests, List<Request> noRetry, List<Action> actions, long begin, long end) {
        this.side = side;
        this.requests = requests;
        this.noRetry = noRetry;
        this.actions = actions;
        this.begin = begin;
        this.end = end;
    }

    List<Request> failures() {
        return requests.stream().filter(Request::failed).toList();
    }

    Map<String, long[]> countsByClient() {
        Map<String, long[]> m = new LinkedHashMap<>();
        for (Request r : requests) {
            long[] c = m.computeIfAbsent(r.client() + " " + r.path(), k -> new long[2]);
            c[0]++;
            if (r.failed()) {
                c[1]++;
            }
        }
        return m;
    }

    List<Action> of(Action.Kind kind) {
        return actions.stream().filter(a -> a.kind() == kind).toList();
    }

    long failedActions() {
        return actions.stream().filter(a -> !a.ok()).count();
    }

    /**
     * Decision → the first request after which every request that started was answered by the new
     * color, until the next action began. Its resolution is the gap between requests.
     */
    long switchLatency(Action a) {
        if (!a.ok() || a.decision() == 0) {
            return -1;
        }
        long until = actions.stream().mapToLong(Action::start).filter(s -> s > a.decision()).min().orElse(end);
        List<Request> after = requests.stream().filter(r -> r.startMicros() >= a.decision() && r.startMicros() < until).toList();
        if (after.isEmpty()) {
            return -1;
        }
        int lastOther = -1;
        for (int i = 0; i < after.size(); i++) {
            Request r = after.get(i);
            if (r.failed() || !a.to().equals(r.color())) {
                lastOther = i;
            }
        }
        if (lastOther == after.size() - 1) {
            return until - a.decision(); // never fully switched before the next action
        }
        return after.get(lastOther + 1).startMicros() - a.decision();
    }

    long[] switchLatencies() {
        return actions.stream().mapToLong(this::switchLatency).filter(l -> l >= 0).sorted().toArray();
    }

    long[] rollbackWall() {
        return of(Action.Kind.ROLLBACK).stream().filter(Action::ok).mapToLong(Action::wallMicros).sorted().toArray();
    }

    /** App's first healthy answer → the tool's gate passed, for actions that started an app. */
    long[] readiness() {
        return actions.stream().filter(a -> a.ok() && a.coldStart() && a.gatePassed() > 0)
                .mapToLong(a -> a.gatePassed() - a.appReady()).sorted().toArray();
    }

    /** Cutover wall time − image build − the app's own start-to-ready. */
    long[] overhead() {
        return of(Action.Kind.CUTOVER).stream().filter(a -> a.ok() && a.coldStart())
                .mapToLong(a -> a.wallMicros() - a.buildMillis() * 1000 - (a.appReady() - a.appStarted())).sorted().toArray();
    }

    long[] cutoverWall() {
        return of(Action.Kind.CUTOVER).stream().filter(Action::ok).mapToLong(Action::wallMicros).sorted().toArray();
    }

    /** With several apps at once: for each app (the first first), its sorted wall times over the ok actions of the kind. */
    long[][] appWalls(Action.Kind kind) {
        List<Action> acts = of(kind).stream().filter(a -> a.ok() && !a.appWalls().isEmpty()).toList();
        int n = acts.stream().mapToInt(a -> a.appWalls().size()).max().orElse(0);
        long[][] walls = new long[n][];
        for (int i = 0; i < n; i++) {
            int app = i;
            walls[i] = acts.stream().filter(a -> a.appWalls().size() > app).mapToLong(a -> a.appWalls().get(app)).sorted().toArray();
        }
        return walls;
    }

    long[] build() {
        return of(Action.Kind.CUTOVER).stream().filter(Action::ok).mapToLong(a -> a.buildMillis() * 1000).sorted().toArray();
    }

    long[] appStart() {
        return of(Action.Kind.CUTOVER).stream().filter(a -> a.ok() && a.coldStart()).mapToLong(a -> a.appReady() - a.appStarted())
                .sorted().toArray();
    }

    /** Columns of {@link #noRetryCounts}. */
    static final int NR_REQUESTS = 0, NR_FAILED = 1, NR_CLOSED_IDLE = 2, NR_CLOSED_BEFORE_ANSWER = 3, NR_RESET = 4, NR_OTHER = 5,
            NR_NEW_CONNECTIONS = 6;

    /**
     * The non-retrying client's requests, each counted under the kind of the last action that began before it did
     * ("cutover", "rollback", or "before" the first action): requests, failed ones (by cause: closed while idle, closed
     * before an answer, reset, other) and requests that had to open a new connection first (the first one included).
     */
    Map<String, long[]> noRetryCounts() {
        Map<String, long[]> m = new LinkedHashMap<>();
        for (String k : List.of("before", "cutover", "rollback")) {
            m.put(k, new long[7]);
        }
        for (Request r : noRetry) {
            String k = "before";
            for (Action a : actions) {
                if (a.start() <= r.startMicros()) {
                    k = a.kind().name().toLowerCase(java.util.Locale.ROOT);
                }
            }
            long[] c = m.get(k);
            c[NR_REQUESTS]++;
            if (r.client().equals(NoRetryClient.NEW_CONNECTION)) {
                c[NR_NEW_CONNECTIONS]++;
            }
            if (r.failed()) {
                c[NR_FAILED]++;
                String e = r.error() == null ? "" : r.error();
                c[e.startsWith(NoRetryClient.CLOSED_IDLE) ? NR_CLOSED_IDLE : e.startsWith(NoRetryClient.CLOSED_BEFORE_ANSWER)
                        ? NR_CLOSED_BEFORE_ANSWER : e.startsWith(NoRetryClient.RESET) ? NR_RESET : NR_OTHER]++;
            }
        }
        return m;
    }

    boolean aroundSwitch(Request r) {
        for (Action a : actions) {
            if (a.decision() > 0 && r.startMicros() >= a.decision() - AROUND_BEFORE && r.startMicros() < a.decision() + AROUND_AFTER) {
                return true;
            }
        }
        return false;
    }

    /** No action running, and none ended within {@link #SETTLE_AFTER}. */
    boolean steady(Request r) {
        for (Action a : actions) {
            if (r.startMicros() >= a.start() && r.startMicros() < a.end() + SETTLE_AFTER) {
                return false;
            }
        }
        return true;
    }

    long[] latencies(String path, Predicate<Request> where) {
        return requests.stream().filter(r -> !r.failed() && r.path().equals(path)).filter(where).mapToLong(Request::latencyMicros)
                .sorted().toArray();
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static long max(long[] sorted) {
        return sorted.length == 0 ? -1 : sorted[sorted.length - 1];
    }

    static List<Long> list(long[] values) {
        List<Long> l = new ArrayList<>();
        Arrays.stream(values).forEach(l::add);
        return l;
    }
}
