package dev.protostar.cli;

import dev.protostar.core.api.Event;
import dev.protostar.core.api.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    /** When the command's main started, and how long its VM took to get there: its {@link Invocation}'s. */
    private final Invocation started = Invocation.current();
    private final Map<Phase, Long> open = new EnumMap<>(Phase.class);
    /** {start, end, phase ordinal} of each phase line. */
    private final List<long[]> spans = new ArrayList<>();

    /** Called first thing in {@code main}: how long the VM took to get there, read from the process's start time. */
    static void mainStarted() {
        long mainNanos = System.nanoTime();
        Invocation.processStarted(mainNanos, javaStart());
    }

    /**
     * How long this process has run until now, or null when the system does not say. On Linux from /proc, in clock ticks
     * since boot: {@code ProcessHandle.Info.startInstant()} adds the boot time in whole seconds, which put up to a second
     * too much or too little in "java start".
     */
    static Duration javaStart() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long startTicks = Long.parseLong(after[19]); // field 22, starttime; after the name's ")" comes field 3
            double upSeconds = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
            long ms = Math.round(upSeconds * 1000) - startTicks * 1000 / USER_HZ;
            return ms >= 0 ? Duration.ofMillis(ms) : null;
        } catch (IOException | RuntimeException notLinux) {
            Instant now = Instant.now();
            return ProcessHandle.current().info().startInstant().map(start -> Duration.between(start, now))
                    .filter(d -> !d.isNegative()).orElse(null);
        }
    }

    /** The unit of /proc's clock ticks: 100 on every Linux that user space sees (sysconf(_SC_CLK_TCK)). */
    private static final long USER_HZ = 100;

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
        return line(started.mainNanos(), started.javaStart(), nowNanos);
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
