package dev.protostar.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second holder of the guard waits with a deadline and stops on interrupt; a holder's work runs to its end. */
class FileGuardTest {
    @TempDir
    Path dir;

    /** Holds the guard in another process (a file lock is per process) until its stdin closes. */
    private Process otherProcessHolding(Path guard) throws Exception {
        Path holder = dir.resolve("Holder.java");
        Files.writeString(holder, """
                import java.nio.channels.FileChannel;
                import java.nio.file.Path;
                import java.nio.file.StandardOpenOption;
                public class Holder {
                    public static void main(String[] a) throws Exception {
                        try (FileChannel c = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                             var lock = c.lock()) {
                            System.out.println("held");
                            System.out.flush();
                            System.in.read();
                        }
                    }
                }
                """);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, holder.toString(), guard.toString()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("held", out.readLine(), "the other process took the guard");
        return p;
    }

    private static void release(Process p) throws Exception {
        p.getOutputStream().close();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    @Test
    void aSecondHolderGivesUpAtItsDeadlineWhileAnotherProcessHoldsTheGuard() throws Exception {
        Path guard = dir.resolve(".guard");
        Process other = otherProcessHolding(guard);
        try {
            AtomicBoolean ran = new AtomicBoolean();
            long t0 = System.nanoTime();
            FileGuard.NotTaken e = org.junit.jupiter.api.Assertions.assertThrows(FileGuard.NotTaken.class,
                    () -> FileGuard.hold(guard, Duration.ofSeconds(2), () -> ran.getAndSet(true)));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertFalse(ran.get(), "the work did not run");
            assertFalse(e.interrupted());
            assertTrue(ms >= 1900 && ms < 20_000, "waited about its deadline: " + ms + " ms");
            assertTrue(e.getMessage().contains("for longer than 2 s") && e.getMessage().contains(guard.toString()), e.getMessage());
        } finally {
            release(other);
        }
        // once the other process let go, the guard is free again
        assertEquals("mine", FileGuard.hold(guard, Duration.ofSeconds(30), () -> "mine"));
    }

    @Test
    void aWaitingHolderStopsOnInterrupt() throws Exception {
        Path guard = dir.resolve(".guard");
        Process other = otherProcessHolding(guard);
        try {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicBoolean ran = new AtomicBoolean();
            AtomicBoolean flagAfter = new AtomicBoolean();
            Thread waiter = new Thread(() -> {
                try {
                    FileGuard.hold(guard, Duration.ofMinutes(5), () -> ran.getAndSet(true));
                } catch (Throwable t) {
                    thrown.set(t);
                }
                flagAfter.set(Thread.currentThread().isInterrupted());
            });
            waiter.start();
            Thread.sleep(500); // it is waiting by now (or about to: an interrupt before the wait stops it too)
            long t0 = System.nanoTime();
            waiter.interrupt();
            waiter.join(20_000);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertFalse(waiter.isAlive(), "the waiter stopped");
            assertTrue(ms < 10_000, "stopped soon after the interrupt: " + ms + " ms");
            assertFalse(ran.get(), "the work did not run");
            assertNotNull(thrown.get());
            assertTrue(thrown.get() instanceof FileGuard.NotTaken nt && nt.interrupted(), String.valueOf(thrown.get()));
            assertTrue(thrown.get().getMessage().startsWith("stopped on request while waiting"), thrown.get().getMessage());
            assertTrue(flagAfter.get(), "the interrupt is kept for the caller");
        } finally {
            release(other);
        }
    }

    @Test
    void aThreadOfThisProcessWaitsWithTheSameDeadline() throws Exception {
        Path guard = dir.resolve(".guard");
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        Thread first = new Thread(() -> {
            try {
                FileGuard.hold(guard, Duration.ofSeconds(30), () -> {
                    holding.countDown();
                    try {
                        return letGo.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        return false;
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        first.start();
        try {
            assertTrue(holding.await(30, TimeUnit.SECONDS));
            long t0 = System.nanoTime();
            FileGuard.NotTaken e = org.junit.jupiter.api.Assertions.assertThrows(FileGuard.NotTaken.class,
                    () -> FileGuard.hold(guard, Duration.ofMillis(1500), () -> "never"));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 1400 && ms < 20_000, "waited about its deadline: " + ms + " ms");
            assertTrue(e.getMessage().contains("for longer than 1.5 s"), e.getMessage());
        } finally {
            letGo.countDown();
            first.join(30_000);
        }
    }

    @Test
    void onceHeldTheWorkRunsToItsEndThroughAnInterrupt() throws Exception {
        Path guard = dir.resolve(".guard");
        AtomicBoolean finished = new AtomicBoolean();
        AtomicBoolean flagAfter = new AtomicBoolean();
        CountDownLatch inWork = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            try {
                FileGuard.hold(guard, Duration.ofSeconds(30), () -> {
                    inWork.countDown();
                    long until = System.nanoTime() + 1_000_000_000L;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait(); // busy, not sleeping: the interrupt stays pending
                    }
                    finished.set(true);
                    return null;
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            flagAfter.set(Thread.currentThread().isInterrupted());
        });
        holder.start();
        assertTrue(inWork.await(30, TimeUnit.SECONDS));
        holder.interrupt();
        holder.join(30_000);
        assertTrue(finished.get(), "the work ran to its end");
        assertTrue(flagAfter.get(), "the interrupt is kept for afterwards");
        // and the guard was released
        assertEquals("next", FileGuard.hold(guard, Duration.ofSeconds(5), () -> "next"));
    }
}
