package dev.protostar.core.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion on a guard file: across processes (a lock on the file) and across threads of
 * this JVM (a lock per path, since a file lock is held by the whole JVM). Waiting for the guard
 * has a deadline and stops on interrupt ({@link NotTaken}); once it is held, the work runs to its
 * end even if the thread is interrupted, and the interrupt is kept for afterwards.
 */
public final class FileGuard {
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();
    /** How often another process's hold is looked at again: the JDK has no timed wait for a file lock. */
    private static final long POLL_MILLIS = 50;

    private FileGuard() {}

    public interface Work<T> {
        T run() throws IOException;
    }

    /** The guard was not taken: another holder kept it past the deadline, or the wait was interrupted. */
    public static final class NotTaken extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean interrupted;

        NotTaken(String message, boolean interrupted) {
            super(message);
            this.interrupted = interrupted;
        }

        /** True when the wait stopped on an interrupt (the thread's interrupt flag is set again). */
        public boolean interrupted() {
            return interrupted;
        }
    }

    /**
     * Runs {@code work} while holding the guard, waiting at most {@code patience} for it.
     *
     * @throws NotTaken when the guard was not free within {@code patience}, or the thread was interrupted while waiting
     */
    public static <T> T hold(Path guardFile, Duration patience, Work<T> work) throws IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        ReentrantLock inJvm = IN_JVM.computeIfAbsent(key(guardFile), f -> new ReentrantLock());
        try {
            if (!inJvm.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw busy(guardFile, patience);
            }
        } catch (InterruptedException e) {
            throw stopped(guardFile);
        }
        boolean interrupted = false;
        try (FileChannel channel = FileChannel.open(guardFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = fileLock(channel, guardFile, patience, deadline);
            try {
                return work.run();
            } finally {
                interrupted = Thread.interrupted(); // releasing must not see an interrupt either
                lock.release();
            }
        } finally {
            inJvm.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static FileLock fileLock(FileChannel channel, Path guardFile, Duration patience, long deadline) throws IOException {
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw busy(guardFile, patience);
            }
            try {
                Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left))));
            } catch (InterruptedException e) {
                throw stopped(guardFile);
            }
        }
    }

    private static NotTaken busy(Path guardFile, Duration patience) {
        return new NotTaken("another change held " + guardFile + " for longer than " + seconds(patience)
                + " s; waited no longer, nothing was changed", false);
    }

    private static NotTaken stopped(Path guardFile) {
        Thread.currentThread().interrupt();
        return new NotTaken("stopped on request while waiting for another change to release " + guardFile
                + "; nothing was changed", true);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? Long.toString(d.toSeconds()) : String.format(java.util.Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }

    /** The same file under any name (a symlinked directory) gets the same lock in this JVM. */
    private static Path key(Path guardFile) {
        Path abs = guardFile.toAbsolutePath().normalize();
        try {
            return abs.getParent().toRealPath().resolve(abs.getFileName());
        } catch (IOException e) {
            return abs;
        }
    }
}
