package dev.protostar.core.api;

import java.io.Serializable;

/**
 * A history entry and whether a rollback can go back to it.
 *
 * @param canRollBack it left its image serving, and that image is still on every host of the app (or came from a
 *     registry, which serves it again by its recorded digest)
 * @param whyNot why it cannot be rolled back to, or null when it can
 */
public record HistoryLine(HistoryEntry entry, boolean canRollBack, String whyNot) implements Serializable {}
