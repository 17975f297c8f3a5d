package dev.protostar.core.files;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.FileLockInterruptionException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion on a guard file: across processes (a lock on the file) and across threads of
 * this JVM (a lock per path, since a file lock is held by the whole JVM). The work runs to its end
 * even if the thread is interrupted; the interrupt is kept for afterwards.
 */
public final class FileGuard {
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

    private FileGuard() {}

    public interface Work<T> {
        T run() throws IOException;
    }

    public static <T> T hold(Path guardFile, Work<T> work) throws IOException {
        boolean interrupted = Thread.interrupted();
        ReentrantLock inJvm = IN_JVM.computeIfAbsent(key(guardFile), f -> new ReentrantLock());
        inJvm.lock();
        FileChannel channel = null;
        try {
            FileLock lock;
            while (true) {
                try {
                    channel = FileChannel.open(guardFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    lock = channel.lock();
                    break;
                } catch (ClosedByInterruptException | FileLockInterruptionException e) {
                    // interrupted while waiting for another process: remember it, and wait again
                    Thread.interrupted();
                    interrupted = true;
                }
            }
            try {
                return work.run();
            } finally {
                interrupted |= Thread.interrupted(); // releasing must not see an interrupt either
                lock.release();
            }
        } finally {
            try {
                if (channel != null) {
                    channel.close();
                }
            } finally {
                inJvm.unlock();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
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
