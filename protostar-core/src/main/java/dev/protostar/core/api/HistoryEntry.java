package dev.protostar.core.api;

import java.io.Serializable;
import java.util.Map;

/**
 * One deploy, switch or rollback in an app's history. {@code error} never holds container output, which may carry secrets.
 *
 * @param host the Docker engine whose history holds it (null in records from before the history moved to the engine)
 * @param rollbackOf for a rollback: the id of the entry whose image it went back to; else null
 * @param imageDigest the image as its registry knows it, {@code repository@sha256:…}, or null for an image no registry gave
 */
public record HistoryEntry(String id, String at, String app, String action, String outcome, String owner,
                           String revision, String color, String previousColor, String imageName, String imageId,
                           long millis, Map<String, Long> phases, String error, String host, String rollbackOf,
                           String imageDigest) implements Serializable {

    /** An entry not yet filed on an engine: the history that keeps it sets {@link #host}. */
    public HistoryEntry(String id, String at, String app, String action, String outcome, String owner,
                        String revision, String color, String previousColor, String imageName, String imageId,
                        long millis, Map<String, Long> phases, String error) {
        this(id, at, app, action, outcome, owner, revision, color, previousColor, imageName, imageId, millis, phases, error, null, null,
                null);
    }

    public HistoryEntry(String id, String at, String app, String action, String outcome, String owner,
                        String revision, String color, String previousColor, String imageName, String imageId,
                        long millis, Map<String, Long> phases, String error, String host) {
        this(id, at, app, action, outcome, owner, revision, color, previousColor, imageName, imageId, millis, phases, error, host, null,
                null);
    }

    public HistoryEntry(String id, String at, String app, String action, String outcome, String owner,
                        String revision, String color, String previousColor, String imageName, String imageId,
                        long millis, Map<String, Long> phases, String error, String host, String rollbackOf) {
        this(id, at, app, action, outcome, owner, revision, color, previousColor, imageName, imageId, millis, phases, error, host,
                rollbackOf, null);
    }

    public HistoryEntry onHost(String engine) {
        return new HistoryEntry(id, at, app, action, outcome, owner, revision, color, previousColor, imageName, imageId,
                millis, phases, error, engine, rollbackOf, imageDigest);
    }

    /** The same entry naming the one it rolled back to. */
    public HistoryEntry rollingBackTo(String targetId) {
        return new HistoryEntry(id, at, app, action, outcome, owner, revision, color, previousColor, imageName, imageId,
                millis, phases, error, host, targetId, imageDigest);
    }

    /** The same entry with the repo digest its image was pinned by ({@code repository@sha256:…}, or null). */
    public HistoryEntry pinnedBy(String digest) {
        return new HistoryEntry(id, at, app, action, outcome, owner, revision, color, previousColor, imageName, imageId,
                millis, phases, error, host, rollbackOf, digest);
    }

    /** Whether it left its image serving: a version a rollback can go back to while the image is kept. */
    public boolean servedItsImage() {
        return "SUCCEEDED".equals(outcome) && imageId != null && color != null;
    }
}
