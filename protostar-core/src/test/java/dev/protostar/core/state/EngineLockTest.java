package dev.protostar.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.LockHolder;
import dev.protostar.core.api.LockRelease;
import dev.protostar.core.docker.Docker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against the real Docker engine: the lock lives there. */
class EngineLockTest {
    private final Docker docker = Docker.connect("unix:///var/run/docker.sock");
    private final String app = "locktest-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    private final List<String> names = List.of(app, app + "-other", app + "-gone", app + "-ns", app + "-cmd", app + "-old");

    @AfterEach
    void cleanUp() {
        names.forEach(n -> EngineLock.release(docker, n));
        docker.close();
    }

    @Test
    void aHeldLockNamesItsOwnerAndIsReleased() {
        try (EngineLock lock = EngineLock.acquire(docker, app, "build #7", Duration.ofMinutes(5))) {
            assertNull(lock.tookOverFrom());
            LockHeldException e = assertThrows(LockHeldException.class,
                    () -> EngineLock.acquire(docker, app, "build #8", Duration.ofMinutes(5)));
            assertTrue(e.getMessage().contains("locked by build #7"), e.getMessage());
            EngineLock.acquire(docker, app + "-other", "build #8", Duration.ofMinutes(5)).close(); // other apps are free
            assertTrue(lock.stillHeld());
        }
        assertTrue(EngineLock.read(docker, app).isEmpty());
        EngineLock.acquire(docker, app, "build #8", Duration.ofMinutes(5)).close();
    }

    @Test
    void anAppsLockReleasedWithinAMomentIsTakenAndOneStillHeldAfterItNamesItsHolder() throws Exception {
        AppLocks locks = EngineLock.on(docker);
        EngineLock first = EngineLock.acquire(docker, app, "the command before, writing its record", Duration.ofMinutes(5));
        Thread releases = new Thread(() -> {
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            first.close();
        });
        releases.start();
        try (AppLock next = locks.take(app, "the next command", Duration.ofMinutes(5))) {
            assertTrue(next.stillHeld());
            assertEquals("the next command", EngineLock.read(docker, app).orElseThrow().owner());
        }
        releases.join();

        try (EngineLock held = EngineLock.acquire(docker, app, "build #9", Duration.ofMinutes(5))) {
            long before = System.nanoTime();
            LockHeldException e = assertThrows(LockHeldException.class, () -> locks.take(app, "build #10", Duration.ofMinutes(5)));
            assertTrue(e.getMessage().contains("locked by build #9"), e.getMessage());
            assertTrue(System.nanoTime() - before >= EngineLock.BETWEEN_COMMANDS.toNanos(), "it waited that moment first");
        }
    }

    @Test
    void anExpiredLeaseIsTakenOverAndSaysSo() {
        EngineLock.ensureImage(docker);
        EngineLock.create(docker, app, new LockHolder("killed build #3", "2026-01-01T00:00:00Z",
                Instant.now().minusSeconds(1).toString(), "ci", 1, "t-3", null, null));
        try (EngineLock lock = EngineLock.acquire(docker, app, "build #4", Duration.ofMinutes(5))) {
            assertTrue(lock.tookOverFrom().startsWith("killed build #3"), lock.tookOverFrom());
            assertEquals("build #4", EngineLock.read(docker, app).orElseThrow().owner());
        }
    }

    @Test
    void theHeartbeatKeepsALiveLockPastItsFirstLease() throws Exception {
        try (EngineLock lock = EngineLock.acquire(docker, app, "long deploy", Duration.ofSeconds(6))) {
            Thread.sleep(8000); // past the first lease; renewed every 2 s
            assertTrue(lock.stillHeld(), "renewed while held");
            assertThrows(LockHeldException.class, () -> EngineLock.acquire(docker, app, "next", Duration.ofSeconds(6)));
        }
    }

    /** A process of this machine that has ended. */
    private static Process gone() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        return gone;
    }

    /** The lock {@code name} as a killed holder on this machine left it, naming {@code command} (or none). */
    private void leftByTheDead(String name, String owner, Process gone, String command) {
        EngineLock.ensureImage(docker);
        EngineLock.create(docker, name, new LockHolder(owner, Instant.now().toString(), Instant.now().plusSeconds(600).toString(),
                "here", gone.pid(), "t-" + owner.length(), Machine.id(), "1"), command);
    }

    @Test
    void aLockWhoseProcessOnThisMachineIsGoneIsTakenOverAtOnce() throws Exception {
        Process gone = gone();
        leftByTheDead(app + "-gone", "killed deploy", gone, null);
        try (EngineLock lock = EngineLock.acquire(docker, app + "-gone", "next", Duration.ofMinutes(5))) {
            assertTrue(lock.tookOverFrom().contains("its process " + gone.pid() + " on this machine is gone"), lock.tookOverFrom());
        }
        // a holder from another machine or process namespace is never judged by its pid
        EngineLock.create(docker, app + "-ns", new LockHolder("deploy on another agent", Instant.now().toString(),
                Instant.now().plusSeconds(600).toString(), "agent-2", gone.pid(), "t-c", "another-boot/pid:[1]", null));
        assertThrows(LockHeldException.class, () -> EngineLock.acquire(docker, app + "-ns", "next", Duration.ofMinutes(5)));
    }

    /** A switch keeps its intent in its lock: whoever takes a dead holder's lock over learns the command it ran. */
    @Test
    void aLockTakenOverNamesTheCommandItsDeadHolderRan() throws Exception {
        Process gone = gone();
        leftByTheDead(app + "-cmd", "killed switch", gone, "20261208-004500-ab12");
        try (EngineLock lock = EngineLock.acquire(docker, app + "-cmd", "next", Duration.ofMinutes(5), "20261208-004501-cd34")) {
            assertEquals(new TakenOver("killed switch", "20261208-004500-ab12"), lock.takenOver());
        }
        try (EngineLock free = EngineLock.acquire(docker, app + "-cmd", "after", Duration.ofMinutes(5))) {
            assertNull(free.takenOver(), "a lock that was free was taken over from nobody");
        }
        leftByTheDead(app + "-old", "an older protostar's deploy", gone, null);
        try (EngineLock lock = EngineLock.acquire(docker, app + "-old", "next", Duration.ofMinutes(5), "20261208-004502-ef56")) {
            assertEquals(new TakenOver("an older protostar's deploy", null), lock.takenOver(), "a lock that names no command");
        }
    }

    @Test
    void aForcedReleaseIsNoticedAndClosingLeavesTheNewHolderAlone() {
        EngineLock mine = EngineLock.acquire(docker, app, "a", Duration.ofSeconds(3));
        assertEquals("a", EngineLock.release(docker, app).orElseThrow().owner()); // forced by an operator
        try (EngineLock theirs = EngineLock.acquire(docker, app, "b", Duration.ofMinutes(5))) {
            assertFalse(mine.stillHeld(), "a knows it lost the lock");
            mine.close();
            assertEquals("b", EngineLock.read(docker, app).orElseThrow().owner());
            assertTrue(theirs.stillHeld());
        }
    }

    @Test
    void aReleaseForAHolderLeavesAnotherHoldersLock() {
        try (EngineLock held = EngineLock.acquire(docker, app, "https://ci/job/nest/8/", Duration.ofMinutes(5))) {
            LockRelease r = EngineLock.releaseIf(docker, app, "https://ci/job/nest/7/");
            assertFalse(r.released());
            assertTrue(r.refused());
            assertEquals("https://ci/job/nest/8/", r.holder().owner());
            assertTrue(held.stillHeld());
        }
        assertEquals(new LockRelease(null, false), EngineLock.releaseIf(docker, app, "https://ci/job/nest/7/"), "no lock");
    }

    @Test
    void aReleaseForItsHolderRemovesIt() {
        EngineLock dead = EngineLock.acquire(docker, app, "https://ci/job/nest/7/", Duration.ofMinutes(5));
        LockRelease r = EngineLock.releaseIf(docker, app, "https://ci/job/nest/7/");
        assertTrue(r.released());
        assertEquals("https://ci/job/nest/7/", r.holder().owner());
        assertFalse(dead.stillHeld());
        assertTrue(EngineLock.read(docker, app).isEmpty());
        dead.close();
    }

    /** Compare and release in one: a take-over between the look and the removal is never undone. */
    @Test
    void aTakeOverBetweenTheCheckAndTheRemovalKeepsTheNewLock() {
        EngineLock dead = EngineLock.acquire(docker, app, "https://ci/job/nest/7/", Duration.ofMinutes(5));
        List<EngineLock> next = new ArrayList<>();
        LockRelease r = EngineLock.releaseIf(docker, app, "https://ci/job/nest/7/", () -> {
            EngineLock.release(docker, app); // the dead one's lock goes (its lease lapsed: taken over) ...
            next.add(EngineLock.acquire(docker, app, "https://ci/job/nest/9/", Duration.ofMinutes(5))); // ... and the next deploy holds it
        });
        try (EngineLock theirs = next.get(0)) {
            assertFalse(r.released());
            assertEquals("https://ci/job/nest/9/", r.holder().owner(), "names who holds it now");
            assertTrue(theirs.stillHeld(), "the new holder's lock stays");
            assertEquals("https://ci/job/nest/9/", EngineLock.read(docker, app).orElseThrow().owner());
        } finally {
            dead.close();
        }
    }

    @Test
    void onlyOneOfManySimultaneousTakersWins() throws Exception {
        List<EngineLock> won = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int i = 0; i < 6; i++) {
            String owner = "taker " + i;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    won.add(EngineLock.acquire(docker, app, owner, Duration.ofMinutes(1)));
                } catch (LockHeldException | InterruptedException lostTheRace) {
                    // expected for all but one
                }
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join(30_000);
        }
        assertEquals(1, won.size());
        won.get(0).close();
    }

    @Test
    void leasesAreJudgedOnTheEnginesClock() {
        Duration offset = EngineLock.clockOffset(docker);
        assertTrue(offset.abs().compareTo(Duration.ofSeconds(5)) < 0, "the engine on this machine shares its clock: " + offset);
    }

    @Test
    void aFreeLockReadsTheEnginesClockFromItsOwnContainer() {
        long before = System.currentTimeMillis();
        try (EngineLock lock = EngineLock.acquire(docker, app, "ann", Duration.ofSeconds(30))) {
            long after = System.currentTimeMillis();
            assertTrue(lock.stillHeld());
            String container = docker.client().inspectContainerCmd("protostar-lock-" + app).exec().getId();
            Duration same = EngineLock.createdOffset(docker, container, before, after);
            assertTrue(same.abs().compareTo(Duration.ofSeconds(2)) < 0, "the engine on this machine shares its clock: " + same);
            // a machine whose clock is a minute behind sees the engine a minute ahead
            Duration behind = EngineLock.createdOffset(docker, container, before - 60_000, after - 60_000);
            assertTrue(behind.minus(Duration.ofMinutes(1)).abs().compareTo(Duration.ofSeconds(2)) < 0, behind.toString());
        }
    }

    @Test
    void aProcessStartIsReadTheSameWayEveryTime() {
        String once = Machine.started(ProcessHandle.current());
        // <clock ticks since boot>/<this JVM's id>: a JVM exec'd in the same process has the same ticks, another id
        assertTrue(once != null && once.matches("\\d+/[0-9a-f-]{36}"), "clock ticks since boot and the JVM: " + once);
        assertEquals(once, Machine.started(ProcessHandle.current()));
        assertTrue(Machine.id() != null && Machine.id().contains("/"), Machine.id());
    }
}
