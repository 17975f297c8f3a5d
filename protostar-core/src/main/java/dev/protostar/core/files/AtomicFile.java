package dev.protostar.core.files;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Whole-file reads and writes for the router's include and the state files. A write goes to a temp
 * file in the same directory, is synced, and is renamed over the target, so readers see the old file
 * or the new one, never half of one. Plain streams, not channels: an interrupt (an aborted build)
 * must not close a file halfway through.
 */
public final class AtomicFile {
    private AtomicFile() {}

    public static void write(Path target, byte[] content, boolean worldReadable) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
                out.write(content);
                out.getFD().sync();
            }
            if (worldReadable) {
                tmp.toFile().setReadable(true, false);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The file's bytes, or null when there is no such file. */
    public static byte[] read(Path file) throws IOException {
        try (FileInputStream in = new FileInputStream(file.toFile())) {
            return in.readAllBytes();
        } catch (FileNotFoundException e) {
            if (Files.exists(file)) {
                throw e; // there, but not readable
            }
            return null;
        }
    }
}
