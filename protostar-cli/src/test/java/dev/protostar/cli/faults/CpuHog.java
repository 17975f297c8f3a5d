package dev.protostar.cli.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the machine's cores busy beside a fault run, as CI's busy 2-core machine is: each thread spins for most of
 * every 10 ms and sleeps the rest, so the deploy, Docker and nginx still run, only slower. Bounded: it stops when
 * closed or after {@code max}, whichever comes first.
 */
final class CpuHog implements AutoCloseable {
    private static final long SLICE_NANOS = Duration.ofMillis(10).toNanos();

    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stop;

    CpuHog(int threadCount, double busyShare, Duration max) {
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

    @Override
    public void close() throws InterruptedException {
        stop = true;
        for (Thread t : threads) {
            t.join(5_000);
        }
    }
}
