package dev.protostar.jenkins.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.protostar.core.api.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveColorsTest {
    private static BadgeModel badge(String app, String live) {
        return new BadgeModel(app, "deploy", Outcome.SUCCEEDED, live, null, null, null, 0, null);
    }

    @Test
    void theNewestBadgeOfEachAppWins() {
        Map<String, BadgeModel> live = LiveColors.latest(List.of(badge("nest", "green"), badge("next", "blue"), badge("nest", "blue")));
        assertEquals(List.of("nest", "next"), List.copyOf(live.keySet()));
        assertEquals("green", live.get("nest").live());
    }
}
