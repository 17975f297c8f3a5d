package dev.protostar.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployLockTest {
    @TempDir
    Path dir;

    @Test
    void aHeldLockNamesItsOwnerAndIsReleased() {
        try (DeployLock lock = DeployLock.acquire(dir, "nest", "build #7", Duration.ofMinutes(5))) {
            assertNull(lock.tookOverFrom());
            LockHeldException e = assertThrows(LockHeldException.class,
                    () -> DeployLock.acquire(dir, "nest", "build #8", Duration.ofMinutes(5)));
            assertTrue(e.getMessage().contains("locked by build #7"), e.getMessage());
            DeployLock.acquire(dir, "fastapi", "build #8", Duration.ofMinutes(5)).close(); // other apps are free
        }
        assertTrue(DeployLock.read(dir, "nest").isEmpty());
        DeployLock.acquire(dir, "nest", "build #8", Duration.ofMinutes(5)).close();
    }

    @Test
    void anExpiredLeaseIsTakenOverAndSaysSo() throws Exception {
        Files.writeString(dir.resolve("nest.lock"), Json.MAPPER.writeValueAsString(new DeployLock.Holder(
                "killed build #3", "2026-01-01T00:00:00Z", Instant.now().minusSeconds(1).toString(), "ci", 1, "t-3", null, null)));
        try (DeployLock lock = DeployLock.acquire(dir, "nest", "build #4", Duration.ofMinutes(5))) {
            assertTrue(lock.tookOverFrom().startsWith("killed build #3"), lock.tookOverFrom());
            assertEquals("build #4", DeployLock.read(dir, "nest").orElseThrow().owner());
        }
    }

    @Test
    void aProcessStartIsReadTheSameWayEveryTime() {
        String once = Machine.started(ProcessHandle.current());
        assertTrue(once != null && once.matches("\\d+"), "clock ticks since boot: " + once);
        assertEquals(once, Machine.started(ProcessHandle.current()));
        assertTrue(Machine.id() != null && Machine.id().contains("/"), Machine.id());
    }

    @Test
    void aLockWhoseProcessOnThisHostIsGoneIsTakenOverAtOnce() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String host = java.net.InetAddress.getLocalHost().getHostName();
        Files.writeString(dir.resolve("nest.lock"), Json.MAPPER.writeValueAsString(new DeployLock.Holder(
                "killed deploy", Instant.now().toString(), Instant.now().plusSeconds(600).toString(), host, gone.pid(), "t-k",
                Machine.id(), "1")));
        try (DeployLock lock = DeployLock.acquire(dir, "nest", "next", Duration.ofMinutes(5))) {
            assertTrue(lock.tookOverFrom().contains("its process " + gone.pid() + " on this machine is gone"), lock.tookOverFrom());
        }
        // a holder from another process namespace (e.g. a container) is never judged by its pid
        try (DeployLock other = DeployLock.acquire(dir, "other", "x", Duration.ofMinutes(5))) {
            Files.writeString(dir.resolve("elsewhere.lock"), Json.MAPPER.writeValueAsString(new DeployLock.Holder(
                    "deploy in a container", Instant.now().toString(), Instant.now().plusSeconds(600).toString(), host, gone.pid(),
                    "t-c", "another-boot/pid:[1]", null)));
            assertThrows(LockHeldException.class, () -> DeployLock.acquire(dir, "elsewhere", "next", Duration.ofMinutes(5)));
        }
    }

    @Test
    void releasingDoesNotRemoveSomeoneElsesLock() throws Exception {
        DeployLock mine = DeployLock.acquire(dir, "nest", "a", Duration.ofSeconds(3));
        Files.delete(dir.resolve("nest.lock")); // forced release by an operator
        try (DeployLock theirs = DeployLock.acquire(dir, "nest", "b", Duration.ofMinutes(5))) {
            Thread.sleep(1500); // a heartbeat of "a" runs and finds the lock is not its own
            assertTrue(!mine.stillHeld(), "a knows it lost the lock");
            mine.close();
            assertEquals("b", DeployLock.read(dir, "nest").orElseThrow().owner());
        }
    }

    @Test
    void aLockFileFromAnOlderVersionWithoutATokenIsHandled() throws Exception {
        Files.writeString(dir.resolve("nest.lock"), "{\"owner\":\"old\",\"since\":\"2026-01-01T00:00:00Z\",\"expires\":\"2026-01-01T00:10:00Z\",\"host\":\"h\",\"pid\":1}");
        try (DeployLock lock = DeployLock.acquire(dir, "nest", "new", Duration.ofMinutes(5))) {
            assertTrue(lock.tookOverFrom().startsWith("old"));
        }
    }

    @Test
    void aLockFileBeingWrittenOrUnreadableCountsAsHeld() throws Exception {
        Files.writeString(dir.resolve("nest.lock"), "");
        LockHeldException e = assertThrows(LockHeldException.class, () -> DeployLock.acquire(dir, "nest", "b", Duration.ofMinutes(5)));
        assertTrue(e.getMessage().contains("unreadable lock file"), e.getMessage());
        Files.setLastModifiedTime(dir.resolve("nest.lock"), java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(120)));
        try (DeployLock lock = DeployLock.acquire(dir, "nest", "b", Duration.ofMinutes(5))) {
            assertTrue(lock.tookOverFrom().contains("unreadable lock file"));
        }
    }

    @Test
    void theLeaseIsRenewedWhileTheDeployRuns() throws Exception {
        try (DeployLock lock = DeployLock.acquire(dir, "nest", "long build", Duration.ofSeconds(3))) {
            Instant first = Instant.parse(DeployLock.read(dir, "nest").orElseThrow().expires());
            Thread.sleep(4000); // longer than the lease
            Instant later = Instant.parse(DeployLock.read(dir, "nest").orElseThrow().expires());
            assertTrue(later.isAfter(first), first + " then " + later);
            assertThrows(LockHeldException.class, () -> DeployLock.acquire(dir, "nest", "other", Duration.ofSeconds(3)));
        }
    }

    @Test
    void manyContendersOneWinner() throws Exception {
        int n = 8;
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger held = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        java.util.List<Thread> threads = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            String owner = "c" + i;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    for (int round = 0; round < 50; round++) {
                        try (DeployLock lock = DeployLock.acquire(dir, "nest", owner, Duration.ofMinutes(5))) {
                            most.accumulateAndGet(held.incrementAndGet(), Math::max);
                            held.decrementAndGet();
                        } catch (LockHeldException busy) {
                            // someone else has it: fine
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join(60_000);
        }
        assertEquals(1, most.get(), "never two holders at once");
    }
}
