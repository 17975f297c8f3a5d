package dev.protostar.bench;

import java.util.List;
import java.util.Map;

/**
 * One cutover (deploy of a new version) or rollback, with the moments the figures are computed from.
 * Times are epoch microseconds; 0 when the step did not happen (a warm rollback starts no app).
 *
 * @param decision when the switch was decided: the engine's switch phase began, or the script began rewriting the include
 * @param appStarted when the app's start script began (its own stamp)
 * @param appReady when the app began serving its health check (its own stamp)
 * @param gatePassed when the tool judged it healthy: the engine's gate finished, or the script's poll succeeded
 * @param phases milliseconds per step, in order (the engine's phases, or the script's steps)
 * @param appWalls with several apps acting at once, each one's wall time in microseconds (this one's first); else empty
 */
record Action(Kind kind, int index, long start, long end, long decision, String from, String to, String error,
              long buildMillis, long appStarted, long appReady, long gatePassed, Map<String, Long> phases, List<Long> appWalls) {
    enum Kind { CUTOVER, ROLLBACK }

    /** One app's action (no other app's walls). */
    Action(Kind kind, int index, long start, long end, long decision, String from, String to, String error,
           long buildMillis, long appStarted, long appReady, long gatePassed, Map<String, Long> phases) {
        this(kind, index, start, end, decision, from, to, error, buildMillis, appStarted, appReady, gatePassed, phases, List.of());
    }

    /** This action, as the first of several apps' run at once: every app's wall time (this one's first) and their error. */
    Action withAppWalls(List<Long> walls, String error) {
        return new Action(kind, index, start, end, decision, from, to, error, buildMillis, appStarted, appReady, gatePassed, phases, walls);
    }

    boolean ok() {
        return error == null;
    }

    boolean coldStart() {
        return appStarted > 0 && appReady > 0;
    }

    long wallMicros() {
        return end - start;
    }
}
