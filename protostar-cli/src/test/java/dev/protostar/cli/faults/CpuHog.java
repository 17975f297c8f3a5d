package dev.protostar.cli.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the machine's cores busy beside a fault run, as CI's busy 2-core machine is: each thread spins for part of
 * every 10 ms and sleeps the rest, so the deploy, Docker and nginx still run, only slower. Bounded: it stops when
 * closed or after {@code max}, whichever comes first. {@link #topUp} sizes it to what the machine is not already
 * doing, so a machine that is busy already (CI, or another test class in the other fork) is not made twice as busy.
 */
final class CpuHog implements AutoCloseable {
    private static final long SLICE_NANOS = Duration.ofMillis(10).toNanos();

    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stop;

    private final double busyShare;

    /**
     * A hog that brings each core up to {@code target} busy: it samples how busy the cores are now (over 0.5 s, from
     * /proc/stat) and spins only for the rest; none when they are at {@code target} already. Where /proc/stat cannot
     * be read it spins for all of {@code target}.
     */
    static CpuHog topUp(int threadCount, double target, Duration max) {
        double busyNow = busyShare(Duration.ofMillis(500));
        return new CpuHog(threadCount, Math.max(0, target - busyNow), max);
    }

    CpuHog(int threadCount, double busyShare, Duration max) {
        this.busyShare = busyShare;
        if (busyShare < 0.05) {
            return;
        }
        long busy = (long) (SLICE_NANOS * busyShare);
        long deadline = System.nanoTime() + max.toNanos();
        for (int i = 0; i < threadCount; i++) {
            Thread t = new Thread(() -> {
                long sink = 0;
                while (!stop && System.nanoTime() < deadline) {
                    long sliceEnd = System.nanoTime() + busy;
                    while (System.nanoTime() < sliceEnd) {
                        sink += System.nanoTime() % 7;
                    }
                    try {
                        Thread.sleep(Duration.ofNanos(SLICE_NANOS - busy).toMillis() + 1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (sink == 42) {
                    System.out.print(""); // keeps the loop from being optimized away
                }
            }, "cpu-hog-" + i);
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            t.start();
            threads.add(t);
        }
    }

    /** The share of each 10 ms this hog spins, 0 when the machine was busy enough without it. */
    double busyShare() {
        return busyShare;
    }

    /** How busy the machine's cores were over {@code window}: 0 idle, 1 all busy; 0 where /proc/stat is missing. */
    static double busyShare(Duration window) {
        try {
            long[] before = cpuTimes();
            Thread.sleep(window.toMillis());
            long[] after = cpuTimes();
            long total = after[0] - before[0];
            return total <= 0 ? 0 : 1.0 - (double) (after[1] - before[1]) / total;
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** The first line of /proc/stat, all cores: {total jiffies, idle + iowait jiffies}. */
    private static long[] cpuTimes() throws java.io.IOException {
        String[] f = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length; i++) {
            total += Long.parseLong(f[i]);
        }
        return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        for (Thread t : threads) {
            t.join(5_000);
        }
    }
}
