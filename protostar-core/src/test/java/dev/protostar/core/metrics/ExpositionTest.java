package dev.protostar.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.HistoryEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpositionTest {
    private static final String HOST = "unix:///var/run/docker.sock";

    private static HistoryEntry entry(String action, String outcome, String at, String color, String image, Map<String, Long> phases) {
        return new HistoryEntry("id-" + at, at, "shop", action, outcome, "ann", "r1", color, null, image,
                image == null ? null : "sha256:" + image.hashCode(), 1000, phases, null, HOST);
    }

    private static final List<HistoryEntry> HISTORY = List.of(
            entry("deploy", "SUCCEEDED", "2026-12-01T10:00:00Z", "blue", "shop:1", Map.of("build", 1000L)),
            entry("deploy", "SWITCHED_BACK", "2026-12-01T11:00:00Z", "blue", "shop:2", Map.of("build", 2000L)),
            entry("deploy", "SUCCEEDED", "2026-12-01T12:00:00Z", "green", "shop:3", Map.of("build", 3000L)),
            entry("switch", "SUCCEEDED", "2026-12-01T13:00:00Z", "blue", "shop:1", phases()));

    private static Map<String, Long> phases() {
        Map<String, Long> p = new LinkedHashMap<>();
        p.put("lock", 12L);
        p.put("gate", 1500L);
        p.put("switch", 250L);
        return p;
    }

    @Test
    void countsComeFromTheHistoryAndEveryOutcomeIsThereFromTheStart() {
        String text = Exposition.text(AppFacts.of("shop", HOST, HISTORY, 0));
        assertTrue(text.contains("# HELP protostar_deploys_total Deploys of the app by outcome"), text);
        assertTrue(text.contains("# TYPE protostar_deploys_total counter\n"), text);
        assertTrue(text.contains("protostar_deploys_total{app=\"shop\",docker_host=\"unix:///var/run/docker.sock\",outcome=\"succeeded\"} 2.0\n"), text);
        assertTrue(text.contains("protostar_deploys_total{app=\"shop\",docker_host=\"unix:///var/run/docker.sock\",outcome=\"switched_back\"} 1.0\n"), text);
        assertTrue(text.contains("protostar_deploys_total{app=\"shop\",docker_host=\"unix:///var/run/docker.sock\",outcome=\"failed\"} 0.0\n"), text);
        assertTrue(text.contains("protostar_rollbacks_total{app=\"shop\",docker_host=\"unix:///var/run/docker.sock\",outcome=\"succeeded\"} 1.0\n"), text);
        assertTrue(text.contains("protostar_rollbacks_total{app=\"shop\",docker_host=\"unix:///var/run/docker.sock\",outcome=\"failed_before_switch\"} 0.0\n"), text);
    }

    @Test
    void aRollbackToAKeptVersionIsCountedAndMovesTheLiveGauges() {
        List<HistoryEntry> history = new java.util.ArrayList<>(HISTORY);
        history.add(entry("rollback", "SUCCEEDED", "2026-12-01T14:00:00Z", "green", "shop:2", phases()));
        String text = Exposition.text(AppFacts.of("shop", HOST, history, 0));
        String host = "docker_host=\"unix:///var/run/docker.sock\"";
        assertTrue(text.contains("protostar_version_rollbacks_total{app=\"shop\"," + host + ",outcome=\"succeeded\"} 1.0\n"), text);
        assertTrue(text.contains("protostar_rollbacks_total{app=\"shop\"," + host + ",outcome=\"succeeded\"} 1.0\n"), "switches apart: " + text);
        assertTrue(text.contains("protostar_live_color{app=\"shop\",color=\"green\"," + host + "} 1.0\n"), text);
        assertTrue(text.contains("protostar_live_image_info{app=\"shop\",color=\"green\"," + host + ",image=\"shop:2\""), text);
        assertTrue(text.contains("protostar_phase_duration_seconds{action=\"rollback\""), text);
    }

    @Test
    void gaugesDescribeTheNewestChange() {
        String text = Exposition.text(AppFacts.of("shop", HOST, HISTORY, 2));
        String labels = "app=\"shop\",docker_host=\"unix:///var/run/docker.sock\"";
        String host = "docker_host=\"unix:///var/run/docker.sock\"";
        assertTrue(text.contains("# TYPE protostar_live_color gauge\n"), text);
        assertTrue(text.contains("protostar_live_color{app=\"shop\",color=\"blue\"," + host + "} 1.0\n"), text);
        assertTrue(text.contains("protostar_live_color{app=\"shop\",color=\"green\"," + host + "} 0.0\n"), text);
        // the switch went back to blue, whose image is the one its last successful change put there
        assertTrue(text.contains("protostar_live_image_info{app=\"shop\",color=\"blue\"," + host + ",image=\"shop:1\",image_id=\"sha256:"), text);
        assertTrue(text.contains("protostar_phase_duration_seconds{action=\"switch\"," + labels + ",phase=\"gate\"} 1.5\n"), text);
        assertFalse(text.contains("phase=\"build\""), "only the newest change's phases: " + text);
        assertTrue(text.contains("protostar_last_change_timestamp_seconds{" + labels + "} 1.79613E9\n"), text);
        assertTrue(text.contains("protostar_drift_problems{" + labels + "} 2.0\n"), text);
    }

    @Test
    void labelValuesAreEscaped() {
        HistoryEntry odd = entry("deploy", "SUCCEEDED", "2026-12-01T10:00:00Z", "green", "a\"b\\c\nd", Map.of());
        String text = Exposition.text(AppFacts.of("shop", "tcp://h:2376", List.of(odd), null));
        assertTrue(text.contains("image=\"a\\\"b\\\\c\\nd\""), text);
        assertFalse(text.contains("protostar_drift_problems{"), "no check ran, so no drift value: " + text);
    }

    @Test
    void anAppWithoutHistoryHasZeroCountsAndNoLiveColor() {
        String text = Exposition.text(AppFacts.of("shop", HOST, List.of(), null));
        assertTrue(text.contains("outcome=\"succeeded\"} 0.0\n"), text);
        assertFalse(text.contains("protostar_live_color{"), text);
        assertEquals(12, text.lines().filter(l -> l.startsWith("protostar_")).count(), "four outcomes of deploys, switches and rollbacks: " + text);
    }
}
