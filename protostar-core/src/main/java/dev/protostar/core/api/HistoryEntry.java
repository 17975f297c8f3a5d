package dev.protostar.core.api;

import java.io.Serializable;
import java.util.Map;

/**
 * One deploy or switch in an app's history. {@code error} never holds container output, which may carry secrets.
 *
 * @param host the Docker engine whose history holds it (null in records from before the history moved to the engine)
 * @param imageDigest the image as its registry knows it, {@code repository@sha256:…}, or null for an image no registry gave
 */
public record HistoryEntry(String id, String at, String app, String action, String outcome, String owner,
                           String revision, String color, String previousColor, String imageName, String imageId,
                           long millis, Map<String, Long> phases, String error, String host, String imageDigest) implements Serializable {

    public HistoryEntry(String id, String at, String app, String action, String outcome, String owner,
                        String revision, String color, String previousColor, String imageName, String imageId,
                        long millis, Map<String, Long> phases, String error, String host) {
        this(id, at, app, action, outcome, owner, revision, color, previousColor, imageName, imageId, millis, phases, error, host, null);
    }

    /** An entry not yet filed on an engine: the history that keeps it sets {@link #host}. */
    public HistoryEntry(String id, String at, String app, String action, String outcome, String owner,
                        String revision, String color, String previousColor, String imageName, String imageId,
                        long millis, Map<String, Long> phases, String error) {
        this(id, at, app, action, outcome, owner, revision, color, previousColor, imageName, imageId, millis, phases, error, null);
    }

    public HistoryEntry onHost(String engine) {
        return new HistoryEntry(id, at, app, action, outcome, owner, revision, color, previousColor, imageName, imageId,
                millis, phases, error, engine, imageDigest);
    }
}
