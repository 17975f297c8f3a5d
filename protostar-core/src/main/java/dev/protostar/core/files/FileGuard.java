package dev.protostar.core.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
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
        ReentrantLock inJvm = IN_JVM.computeIfAbsent(guardFile.toAbsolutePath().normalize(), f -> new ReentrantLock());
        inJvm.lock();
        try (FileChannel guard = FileChannel.open(guardFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = guard.lock()) {
            return work.run();
        } finally {
            inJvm.unlock();
            if (interrupted || Thread.interrupted()) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
