package dev.protostar.core.state;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.protostar.core.api.LockHolder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Jenkins agent whose connection dropped is restarted in place (exec, same pid, same start ticks),
 * killing the engine in the middle of a deploy. The lock it held must be taken over at once by the
 * next deploy, instead of after its lease. Kept with the plugin's tests: Jenkins' restarter is why it matters.
 */
class RestartedAgentTakeoverTest {
    private Process other;

    @BeforeEach
    void linuxOnly() {
        assumeTrue(Machine.id() != null, "needs Linux's /proc");
    }

    @AfterEach
    void stopTheOtherProcess() {
        if (other != null) {
            other.destroyForcibly();
        }
    }

    private static LockHolder heldBy(long pid, String started) {
        return new LockHolder("job/nest/7/", "2026-12-06T09:00:00Z", "2026-12-06T09:10:00Z", "agent-1", pid, "t", Machine.id(), started);
    }

    @Test
    void anEarlierJvmInThisProcessIsGone() {
        String ticks = Machine.started(ProcessHandle.current()).split("/")[0];
        assertTrue(Machine.processGone(heldBy(ProcessHandle.current().pid(), ticks + "/" + UUID.randomUUID())),
                "same pid and start, another JVM: the restarter exec'd over it");
    }

    @Test
    void thisJvmIsNotGone() {
        assertFalse(Machine.processGone(heldBy(ProcessHandle.current().pid(), Machine.started(ProcessHandle.current()))));
    }

    @Test
    void anotherProcessWhoseJvmFileIsFreeIsGone() throws Exception {
        other = new ProcessBuilder("sleep", "60").start();
        String ticks = Machine.started(other.toHandle());
        String jvm = UUID.randomUUID().toString();
        Path file = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "protostar-jvm")).resolve(jvm + ".lock");
        Files.writeString(file, "");
        try (FileChannel held = FileChannel.open(file, StandardOpenOption.WRITE)) {
            var lock = held.lock();
            assertFalse(Machine.processGone(heldBy(other.pid(), ticks + "/" + jvm)), "its JVM still holds the file");
            lock.release();
        }
        assertTrue(Machine.processGone(heldBy(other.pid(), ticks + "/" + jvm)), "nothing holds the file: that JVM ended");
        assertFalse(Files.exists(file), "the proof is cleaned up");
    }

    @Test
    void anOlderHolderWithoutAJvmIdStillNeedsItsLease() throws Exception {
        other = new ProcessBuilder("sleep", "60").start();
        assertFalse(Machine.processGone(heldBy(other.pid(), Machine.started(other.toHandle()))));
    }
}
