package dev.protostar.core.state;

import dev.protostar.core.api.HistoryEntry;
import dev.protostar.core.docker.Docker;
import dev.protostar.core.state.HistoryRecords.Filed;
import dev.protostar.core.state.HistoryRecords.Found;
import dev.protostar.core.state.HistoryRecords.Stored;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An app's deploy history, kept on its Docker engine so that every machine and Jenkins agent that
 * deploys there sees the same one: one file per deploy or switch (see {@link HistoryRecords}), the
 * newest {@link #KEEP}, in the app's state volume ({@link StateVolume}). Appends run under the
 * app's deploy lock. A record that a torn write damaged is skipped and reported; it never hides
 * another, and reading never fails on it.
 */
public final class History implements AppHistory {
    public static final int KEEP = 500;
    private static final Found NOTHING = new Found(List.of(), List.of());

    private final Docker docker;
    private final String app;
    private final StateVolume volume;
    private final Path legacyDir;
    private final LegacyHistory legacy;
    private final Consumer<String> notices;
    private final int keep;

    /**
     * @param legacyDir where an older Protostar kept this machine's history file (router.stateDir), imported on the next append; may be null
     * @param notices hears about damaged records and the import
     */
    public History(Docker docker, String app, Path legacyDir, Consumer<String> notices) {
        this(docker, app, legacyDir, notices, KEEP);
    }

    History(Docker docker, String app, Path legacyDir, Consumer<String> notices, int keep) {
        this(docker, app, new StateVolume(docker, app), legacyDir, notices, keep);
    }

    History(Docker docker, String app, StateVolume volume, Path legacyDir, Consumer<String> notices, int keep) {
        this.docker = docker;
        this.app = app;
        this.volume = volume;
        this.legacyDir = legacyDir;
        this.legacy = legacyDir == null ? null : new LegacyHistory(legacyDir, app);
        this.notices = notices;
        this.keep = keep;
    }

    /** What a read found: entries oldest first, and one sentence per damaged record that was skipped. */
    public record Read(List<HistoryEntry> entries, List<String> damaged) implements java.io.Serializable {}

    /** Files the entry on this engine (naming it in {@link HistoryEntry#host}); call it holding the app's deploy lock. */
    @Override
    public void append(HistoryEntry entry) {
        Map<String, byte[]> files = files();
        Found found = HistoryRecords.parse(files);
        List<Stored> incoming = new ArrayList<>();
        Found old = pendingImport(found);
        old.records().forEach(f -> incoming.add(f.stored()));
        incoming.add(new Stored(found.lastSeq() + 1, entry.onHost(docker.uri())));
        volume.write(HistoryRecords.plan(files, found, incoming, keep));
        if (old != NOTHING) {
            notices.accept("imported " + old.records().size() + " record(s) of " + app + " from " + legacy.file()
                    + " into the history on " + docker.host() + (old.damaged().isEmpty() ? "" : ", skipping " + old.damaged().size()
                    + " damaged line(s)") + " (router.stateDir is read for nothing else)"
                    + legacy.retire().map(problem -> "; " + problem).orElse(""));
        }
    }

    @Override
    public AppHistory reread() {
        volume.forget(); // later reads of this command (drift, publication) read the engine again too
        return new History(docker, app, legacyDir, notices, keep);
    }

    /** The newest {@code limit} entries, oldest first; damaged records are skipped and reported to the notices. */
    @Override
    public List<HistoryEntry> last(int limit) {
        return read(limit).entries();
    }

    /** The newest {@code limit} entries, oldest first, and the damaged records skipped (also reported to the notices). */
    public Read read(int limit) {
        Found found = HistoryRecords.parse(files());
        List<Filed> all = new ArrayList<>(found.records());
        List<String> damaged = new ArrayList<>(found.damaged());
        found.damaged().forEach(d -> notices.accept("damaged history record of " + app + " on " + docker.host() + ": " + d));
        // Until this machine's next append moves it to the engine, an old history file still reads.
        Found old = pendingImport(found);
        all.addAll(old.records());
        damaged.addAll(old.damaged());
        old.damaged().forEach(d -> notices.accept("damaged line in " + legacy.file().getParent() + ": " + d));
        all.sort(Comparator.comparing(Filed::stored, HistoryRecords.ORDER));
        List<HistoryEntry> entries = all.subList(Math.max(0, all.size() - limit), all.size()).stream()
                .map(f -> f.stored().entry()).toList();
        return new Read(entries, damaged);
    }

    /** Removes the app's history from the engine, for good (the demo's clean-up). */
    public static void erase(Docker docker, String app) {
        new StateVolume(docker, app).remove();
    }

    private Found pendingImport(Found onEngine) {
        if (legacy == null) {
            return NOTHING;
        }
        return legacy.read().map(f -> new Found(
                f.records().stream().filter(r -> !onEngine.holds(r.stored().entry())).toList(), f.damaged()))
                .orElse(NOTHING);
    }

    private Map<String, byte[]> files() {
        return volume.read(HistoryRecords.DIR, HistoryRecords.MAX_RECORD, 4 * Math.max(keep, KEEP));
    }
}
