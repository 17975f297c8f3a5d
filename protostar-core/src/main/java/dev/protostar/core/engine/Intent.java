package dev.protostar.core.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.protostar.core.state.Json;
import java.util.Optional;

/**
 * What a command is about to change (a switch's target may be open: written by the command that took its lock over,
 * before it read the live route), written with its lock before it acts: the next holder of a lock
 * that was taken over reads it to finish or undo what was left (see {@link Recovery}).
 *
 * @param action deploy, rollback or switch
 * @param id the command's id (what the include's route names as {@code deploy=} once it is routed)
 * @param target the color being made live
 * @param booted the new container's name while it is gated (deploy only), else null
 * @param aside what the idle color's container is renamed to while the new one takes its name (deploy only), else null
 * @param restarts Docker's restart count of the target's container when its gate began
 * @param startedAt when it last started then: a crash since, found by the next command, fails it as it would have verify
 */
record Intent(String action, String id, String owner, String target, String booted, String aside, int restarts, String startedAt) {
    String json() {
        try {
            return Json.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Empty for no intent, or one torn while it was written (its command then changed nothing yet). */
    static Optional<Intent> parse(String json) {
        if (json == null || json.isBlank()) {
            return Optional.empty();
        }
        try {
            Intent i = Json.MAPPER.readValue(json, Intent.class);
            return i.id() == null || (i.target() == null && !"switch".equals(i.action())) ? Optional.empty() : Optional.of(i);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
