package dev.protostar.bench;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Wall-clock time in microseconds since the epoch. The load clients, the engine's own JVM, the
 * baseline script and the app containers all read the same kernel clock, so their stamps compare.
 */
final class Clock {
    private static final DateTimeFormatter STAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS");

    private Clock() {}

    static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** A time printed by {@code stat -c %y}, e.g. "2026-11-25 12:38:02.447405697 +0000". */
    static long fromStat(String text) {
        String[] parts = text.trim().split(" ");
        if (parts.length < 3 || !parts[2].equals("+0000")) {
            throw new IllegalArgumentException("not a UTC stat time: " + text);
        }
        Instant t = LocalDateTime.parse(parts[0] + " " + parts[1], STAT).toInstant(ZoneOffset.UTC);
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }

    static double ms(long micros) {
        return micros / 1000.0;
    }
}
