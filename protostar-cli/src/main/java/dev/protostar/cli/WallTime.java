package dev.protostar.cli;

import dev.protostar.core.api.Event;
import dev.protostar.core.api.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a command's wall time went, from the moment its process started: the Java VM's own start, what ran before the
 * first phase (reading the command line), the phases (their union: the build runs beside lock and discover), and the
 * rest, so that the lines add up to what a user waited.
 */
final class WallTime {
    private static volatile long mainNanos = System.nanoTime();
    private static volatile Duration javaStart;

    private final Map<Phase, Long> open = new EnumMap<>(Phase.class);
    /** {start, end, phase ordinal} of each phase line. */
    private final List<long[]> spans = new ArrayList<>();

    /** Called first thing in {@code main}: how long the VM took to get there, read from the process's start time. */
    static void mainStarted() {
        mainNanos = System.nanoTime();
        Instant now = Instant.now();
        javaStart = ProcessHandle.current().info().startInstant().map(start -> Duration.between(start, now))
                .filter(d -> !d.isNegative()).orElse(null);
    }

    synchronized void heard(Event e, long nanos) {
        if (e.phase() == null) {
            return;
        }
        switch (e.kind()) {
            case STARTED -> open.put(e.phase(), nanos);
            case FINISHED, FAILED -> {
                Long t0 = open.remove(e.phase());
                if (t0 != null) {
                    spans.add(new long[] {t0, nanos, e.phase().ordinal()});
                }
            }
            default -> { }
        }
    }

    /** One line: the total, then its parts. */
    String line(long nowNanos) {
        return line(mainNanos, javaStart, nowNanos);
    }

    synchronized String line(long mainNanos, Duration javaStart, long nowNanos) {
        long java = javaStart == null ? 0 : javaStart.toMillis();
        long sinceMain = (nowNanos - mainNanos) / 1_000_000;
        List<long[]> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingLong(s -> s[0]));
        long covered = 0;
        long end = Long.MIN_VALUE;
        long widestGap = 0;
        String gapAfter = null;
        Phase last = null;
        for (long[] s : sorted) {
            if (end != Long.MIN_VALUE && s[0] - end > widestGap) {
                widestGap = s[0] - end;
                gapAfter = last.word();
            }
            long from = Math.max(s[0], end);
            if (s[1] > from) {
                covered += s[1] - from;
            }
            if (s[1] > end) {
                end = s[1];
                last = Phase.values()[(int) s[2]];
            }
        }
        if (!sorted.isEmpty() && nowNanos - end > widestGap) {
            widestGap = nowNanos - end;
            gapAfter = last.word() + " (the end)";
        }
        long phases = covered / 1_000_000;
        long beforeFirst = sorted.isEmpty() ? sinceMain : (sorted.get(0)[0] - mainNanos) / 1_000_000;
        long rest = Math.max(0, sinceMain - beforeFirst - phases);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "= %-9s %9s ", "total", seconds(java + sinceMain)));
        if (javaStart != null) {
            sb.append("java start ").append(seconds(java)).append(" + ");
        }
        sb.append("command line ").append(seconds(beforeFirst)).append(" + phases ").append(seconds(phases))
                .append(" + between and after them ").append(seconds(rest));
        if (gapAfter != null && widestGap >= 100_000_000L) {
            sb.append(" (the longest: ").append(seconds(widestGap / 1_000_000)).append(" after ").append(gapAfter).append(')');
        }
        return sb.toString();
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.2f s", ms / 1000.0);
    }
}
