package dev.protostar.core.state;

import dev.protostar.core.state.HistoryRecords.Found;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * The history file that Protostar kept on the deploying machine before the history moved to the
 * engine ({@code <router.stateDir>/<app>.history.jsonl}). Its records are imported by this machine's
 * next append, then it is renamed to {@code .imported}, so it is imported once.
 */
final class LegacyHistory {
    private final Path file;

    LegacyHistory(Path dir, String app) {
        this.file = dir.resolve(app + ".history.jsonl");
    }

    Path file() {
        return file;
    }

    /** Its records (torn lines reported, never fatal), or empty when there is no such file. */
    Optional<Found> read() {
        try {
            return Optional.of(HistoryRecords.parseLines(Files.readAllBytes(file), file.getFileName().toString()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.of(new Found(List.of(), List.of(file + " cannot be read (" + e.getMessage() + "); not imported")));
        }
    }

    /**
     * Renames it aside once imported, readable by its owner only (old versions could leave it
     * world-readable); a sentence if that failed (the next append then finds it imported already).
     */
    Optional<String> retire() {
        try {
            Path imported = Files.move(file, file.resolveSibling(file.getFileName() + ".imported"), StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.setPosixFilePermissions(imported, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // nothing to tighten
            }
            return Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.of("could not rename it to " + file.getFileName() + ".imported (" + e.getMessage()
                    + "); it is read again but never filed twice");
        }
    }
}
