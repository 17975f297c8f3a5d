package dev.protostar.core.metrics;

import dev.protostar.core.api.HistoryEntry;
import dev.protostar.core.api.Outcome;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the users' monitoring sees of one app on one Docker engine, rebuilt each time from the
 * app's history on that engine (see {@link dev.protostar.core.state.History}).
 *
 * @param changes how many deploys, switches and rollbacks ended how: action ("deploy", "switch", "rollback") → outcome word → count
 * @param phases seconds per phase of the newest deploy, switch or rollback, in order
 * @param lastAction "deploy", "switch" or "rollback" for {@link #phases}, or null with no history
 * @param color the live color, or null when none is known
 * @param image the live color's image, or null
 * @param lastChange when traffic last moved to a new deploy or color (the newest successful change), or null
 * @param drift how many mismatches the last check found (verify, or the check after a change), or null if none ran
 */
public record AppFacts(String app, String dockerHost, Map<String, Map<String, Long>> changes, Map<String, Double> phases,
                       String lastAction, String color, String image, String imageId, Instant lastChange, Integer drift) {

    public static final List<String> ACTIONS = List.of("deploy", "switch", "rollback");

    /** @param history the app's entries on this engine, oldest first */
    public static AppFacts of(String app, String dockerHost, List<HistoryEntry> history, Integer drift) {
        Map<String, Map<String, Long>> changes = new LinkedHashMap<>();
        for (String action : ACTIONS) {
            Map<String, Long> byOutcome = new LinkedHashMap<>();
            for (Outcome o : Outcome.values()) {
                byOutcome.put(word(o.name()), 0L);
            }
            changes.put(action, byOutcome);
        }
        HistoryEntry newest = null;
        HistoryEntry lastSuccess = null;
        for (HistoryEntry e : history) {
            Map<String, Long> byOutcome = changes.get(e.action());
            if (byOutcome == null || e.outcome() == null) {
                continue;
            }
            byOutcome.merge(word(e.outcome()), 1L, Long::sum);
            newest = e;
            if (Outcome.SUCCEEDED.name().equals(e.outcome())) {
                lastSuccess = e;
            }
        }
        Map<String, Double> phases = new LinkedHashMap<>();
        if (newest != null && newest.phases() != null) {
            newest.phases().forEach((phase, ms) -> phases.put(phase, ms / 1000.0));
        }
        // The newest entry's color is the one live when it ended, whatever its outcome (a deploy that switched back names the old one).
        String color = newest == null ? null : newest.color();
        HistoryEntry image = null;
        for (HistoryEntry e : history) {
            if (color != null && color.equals(e.color()) && Outcome.SUCCEEDED.name().equals(e.outcome())) {
                image = e;
            }
        }
        return new AppFacts(app, dockerHost, changes, phases, newest == null ? null : newest.action(), color,
                image == null ? null : image.imageName(), image == null ? null : image.imageId(),
                lastSuccess == null ? null : at(lastSuccess.at()), drift);
    }

    private static Instant at(String at) {
        try {
            return Instant.parse(at);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String word(String outcome) {
        return outcome.toLowerCase(Locale.ROOT);
    }
}
