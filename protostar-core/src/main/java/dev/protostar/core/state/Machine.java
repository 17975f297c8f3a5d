package dev.protostar.core.state;

import dev.protostar.core.api.LockHolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Tells whether a lock holder's process is provably gone. A process id only means something on the
 * same boot of the same machine and in the same process namespace (a container with host networking
 * shares the host name, not the pids), so all three are recorded and compared.
 */
final class Machine {
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
     * start time, it does not shift when the clock is stepped, so two JVMs read the same value.
     */
    static String started(ProcessHandle p) {
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
        Optional<ProcessHandle> p = ProcessHandle.of(h.pid()).filter(ProcessHandle::isAlive);
        if (p.isEmpty()) {
            return true;
        }
        // Same pid alive: gone only if it is provably another process (a different start, both read as ticks).
        String now = started(p.get());
        return isTicks(h.started()) && isTicks(now) && !h.started().equals(now);
    }
}
