package dev.protostar.core.state;

import dev.protostar.core.api.LockHolder;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;

/**
 * Tells whether a lock holder's process is provably gone. A process id only means something on the
 * same boot of the same machine and in the same process namespace (a container with host networking
 * shares the host name, not the pids), so all three are recorded and compared.
 *
 * <p>A process can also outlive the JVM that took the lock: Jenkins' agent restarter execs the agent's
 * {@code java} in place when the connection drops (jenkins-core
 * {@code jenkins/slaves/restarter/UnixSlaveRestarter.java}: every descriptor from 3 up is marked
 * close-on-exec, then {@code execv} to self), so the new JVM has the same pid and the same start ticks.
 * So the holder's start also names its JVM ({@code <ticks>/<jvm id>}), and each JVM that takes a lock
 * holds a lock on a file named after its id for as long as it lives. The exec closes that file, so any
 * process on the machine can prove the old JVM gone by locking it; the same process knows it at once,
 * since one process runs one JVM at a time.
 */
final class Machine {
    /** This JVM, told apart from an earlier one in the same process. */
    private static final String JVM = UUID.randomUUID().toString();
    private static final Path ALIVE_DIR = Path.of(System.getProperty("java.io.tmpdir"), "protostar-jvm");
    /** Held until this JVM ends; never released or closed by this code. */
    private static FileLock alive;

    private Machine() {}

    /** "boot id/pid namespace", or null where Linux's /proc does not say. */
    static String id() {
        try {
            String boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
            String pidNs = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
            return boot + "/" + pidNs;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }

    /**
     * The process's start in clock ticks since boot (field 22 of /proc/pid/stat): unlike a wall-clock
     * start time, it does not shift when the clock is stepped, so two JVMs read the same value. For this
     * process, followed by {@code /} and this JVM's id.
     */
    static String started(ProcessHandle p) {
        String ticks = ticks(p);
        if (ticks == null || p.pid() != ProcessHandle.current().pid()) {
            return ticks;
        }
        holdAliveFile();
        return ticks + "/" + JVM;
    }

    private static String ticks(ProcessHandle p) {
        try {
            String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return after.length > 19 ? after[19] : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean isTicks(String s) {
        return s != null && s.matches("\\d+");
    }

    static boolean processGone(LockHolder h) {
        String here = id();
        if (here == null || h.machine() == null || !here.equals(h.machine()) || h.pid() <= 0) {
            return false; // cannot tell: rely on the lease
        }
        String heldTicks = h.started() == null ? null : h.started().split("/", 2)[0];
        String heldJvm = h.started() != null && h.started().contains("/") ? h.started().split("/", 2)[1] : null;
        if (heldJvm != null && h.pid() == ProcessHandle.current().pid()) {
            return !heldJvm.equals(JVM); // this process, another JVM: an earlier one, replaced by exec
        }
        Optional<ProcessHandle> p = ProcessHandle.of(h.pid()).filter(ProcessHandle::isAlive);
        if (p.isEmpty()) {
            return true;
        }
        // Same pid alive: gone if it is provably another process (a different start, both read as ticks),
        // or another JVM in it (its JVM's file is no longer locked).
        String now = ticks(p.get());
        if (isTicks(heldTicks) && isTicks(now) && !heldTicks.equals(now)) {
            return true;
        }
        return heldJvm != null && jvmGone(heldJvm);
    }

    private static synchronized void holdAliveFile() {
        if (alive != null) {
            return;
        }
        try {
            Files.createDirectories(ALIVE_DIR);
            FileChannel ch = FileChannel.open(ALIVE_DIR.resolve(JVM + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            alive = ch.tryLock();
        } catch (IOException | RuntimeException e) {
            // no proof for other processes; this process still knows its own earlier JVMs
        }
    }

    /** Whether the JVM with this id has ended: its file exists and nothing holds it any more. */
    private static boolean jvmGone(String jvm) {
        if (!jvm.matches("[0-9a-f-]{36}")) {
            return false;
        }
        Path file = ALIVE_DIR.resolve(jvm + ".lock");
        if (!Files.isRegularFile(file)) {
            return false; // another temp directory, or another user: cannot tell
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            if (l == null) {
                return false;
            }
            l.release();
            Files.deleteIfExists(file);
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // this JVM holds it
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
