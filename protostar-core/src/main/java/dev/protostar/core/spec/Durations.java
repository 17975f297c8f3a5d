package dev.protostar.core.spec;

import java.time.Duration;

/** Durations as people write them in a spec and read them in a log. */
public final class Durations {
    private Durations() {}

    public static String words(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) return ms + "ms";
        if (ms % 3_600_000 == 0) return ms / 3_600_000 + "h";
        if (ms % 60_000 == 0) return ms / 60_000 + "m";
        if (ms % 1000 == 0) return ms / 1000 + "s";
        return String.format("%.1fs", ms / 1000.0);
    }

    public static String seconds(long millis) {
        return String.format("%.2f s", millis / 1000.0);
    }
}
