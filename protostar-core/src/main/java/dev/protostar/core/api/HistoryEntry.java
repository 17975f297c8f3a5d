package dev.protostar.core.api;

import java.io.Serializable;
import java.util.Map;

/** One line of an app's history. {@code error} never holds container output, which may carry secrets. */
public record HistoryEntry(String id, String at, String app, String action, String outcome, String owner,
                           String revision, String color, String previousColor, String imageName, String imageId,
                           long millis, Map<String, Long> phases, String error) implements Serializable {}
