package dev.protostar.core.state;

import dev.protostar.core.docker.Docker;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * What the command holding an app's lock is about to change, kept in the app's state volume on the engine
 * (beside its history), so it outlives the command, a forced lock release and a takeover: the next command
 * finishes or undoes it, then clears it. Written under the lock, one file.
 */
public final class Journal implements AppJournal {
    private static final String DIR = "journal";
    private static final String FILE = DIR + "/intent";
    private static final int MAX = 64 * 1024;

    private final StateVolume volume;

    public Journal(Docker docker, String app) {
        this(new StateVolume(docker, app));
    }

    Journal(StateVolume volume) {
        this.volume = volume;
    }

    /**
     * The intent left by a command that did not clear it, if any. An engine that cannot be read is an error, not "none".
     * Read under the lock, with the rest of the app's state in the same copy (the history a record appends to).
     */
    @Override
    public Optional<String> read() {
        for (Map.Entry<String, byte[]> f : volume.readAll(DIR, HistoryRecords.MAX_RECORD, 4 * History.KEEP + 64).entrySet()) {
            if (f.getKey().endsWith("/intent") && f.getValue().length > 0 && f.getValue().length <= MAX) {
                return Optional.of(new String(f.getValue(), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    @Override
    public void write(String intent) {
        volume.write(Map.of(FILE, intent.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void clear() {
        if (!volume.carriedWritten(FILE)) {
            volume.write(Map.of(FILE, new byte[0]));
        }
    }

    @Override
    public void clearWithNextRecord() {
        volume.carry(Map.of(FILE, new byte[0]));
    }

    @Override
    public void heldUnder(LockMark mark) {
        volume.heldUnder(mark);
    }

    @Override
    public void keepForNext() {
        volume.keepForNext();
    }
}
