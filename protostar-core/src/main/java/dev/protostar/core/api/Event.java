package dev.protostar.core.api;

import java.io.Serializable;

/**
 * Something the engine reports while it works.
 *
 * @param millis the phase's duration for {@link Kind#FINISHED} and {@link Kind#FAILED}, how long it has waited so far
 *               for {@link Kind#WAITING}, else 0
 */
public record Event(Kind kind, Phase phase, String message, long millis) implements Serializable {
    public enum Kind {
        STARTED, FINISHED, FAILED, INFO, WARNING, OUTPUT,
        /** The phase is still waiting (a health gate on a starting app); the message is its last observation. Sent every few seconds at most. */
        WAITING
    }
}
