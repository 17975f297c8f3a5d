package dev.protostar.core.state;

import dev.protostar.core.docker.Docker;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * One app's state on one Docker engine, as one command sees it: its history and its journal over one
 * {@link StateVolume}. So the copy that reads the journal under the lock also reads the history the command's record
 * appends to, and the journal's clear goes to the engine in the record's copy: a command copies three times (read,
 * intent, record and clear), not five.
 */
public final class AppState {
    private final Docker docker;
    private final String app;
    private final StateVolume volume;

    public AppState(Docker docker, String app) {
        this.docker = docker;
        this.app = app;
        this.volume = new StateVolume(docker, app);
    }

    /** @param legacyDir where an older Protostar kept this machine's history file (router.stateDir); may be null */
    public History history(Path legacyDir, Consumer<String> notices) {
        return new History(docker, app, volume, legacyDir, notices, History.KEEP);
    }

    public Journal journal() {
        return new Journal(volume);
    }
}
