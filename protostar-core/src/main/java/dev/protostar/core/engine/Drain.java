package dev.protostar.core.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Waits until nginx has no open connection left to the old color, or the drain time is up.
 * nginx keeps old workers alive until their requests finish (and for about 100 ms after a reload
 * they still accept new ones), so the old color is only safe to stop once no connection to its
 * published port remains. Read from the kernel's socket tables, which only describe this host:
 * used when the Docker engine is local, otherwise the full drain time is waited.
 */
final class Drain {
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    private static final Duration OVERLAP = Duration.ofMillis(150);
    private static final String ESTABLISHED = "01";

    private Drain() {}

    /** Returns how long it waited. */
    static Duration await(String endpoint, Duration max, boolean localEngine) throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + max.toNanos();
        long earliest = t0 + Math.min(OVERLAP.toNanos(), max.toNanos());
        int port = Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
        while (System.nanoTime() < deadline) {
            if (localEngine && System.nanoTime() >= earliest && openConnections(port) == 0) {
                break;
            }
            Thread.sleep(20);
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** Established TCP connections whose remote end is {@code port} on this host, or -1 if unknown. */
    static int openConnections(int port) {
        String hexPort = ":" + String.format(Locale.ROOT, "%04X", port);
        int count = 0;
        boolean readAny = false;
        for (Path table : TABLES) {
            if (!Files.isReadable(table)) {
                continue;
            }
            readAny = true;
            try {
                for (String line : Files.readAllLines(table)) {
                    String[] f = line.trim().split("\\s+");
                    // sl local_address rem_address st ...
                    if (f.length > 3 && f[2].endsWith(hexPort) && ESTABLISHED.equals(f[3])) {
                        count++;
                    }
                }
            } catch (IOException e) {
                return -1;
            }
        }
        return readAny ? count : -1; // no socket table (not Linux): unknown, so the whole drain is waited
    }
}
