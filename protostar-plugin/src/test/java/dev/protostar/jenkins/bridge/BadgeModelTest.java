package dev.protostar.jenkins.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BadgeModelTest {
    private static DeployReport result(String action, Outcome outcome, String color, String previous, Phase failed) {
        return DeployReport.of(new DeployResult("nest", action, outcome, color, previous, "nest:20261125-1",
                "sha256:0123456789abcdef0123", 12_400, Map.of(), failed, failed == null ? null : "it failed"));
    }

    @Test
    void aDeployShowsTheNewColorImageAndTime() {
        BadgeModel b = BadgeModel.of(result("deploy", Outcome.SUCCEEDED, "green", "blue", null));
        assertEquals("nest → green (image nest:20261125-1, 12.4 s)", b.tooltip());
        assertEquals("symbol-protostar-green plugin-protostar", b.symbol());
        assertEquals("0123456789ab", b.shortImageId());
    }

    @Test
    void aSwitchSaysSo() {
        BadgeModel b = BadgeModel.of(result("switch", Outcome.SUCCEEDED, "blue", "green", null));
        assertEquals("nest → blue (switch, image nest:20261125-1, 12.4 s)", b.tooltip());
        assertEquals("nest → blue (rollback to image nest:20261125-1, 12.4 s)",
                BadgeModel.of(result("rollback", Outcome.SUCCEEDED, "blue", "green", null)).tooltip());
        assertEquals("symbol-protostar-blue plugin-protostar", b.symbol());
    }

    @Test
    void aFailedCutoverShowsWhichColorStayedLive() {
        BadgeModel before = BadgeModel.of(result("deploy", Outcome.FAILED_BEFORE_SWITCH, "blue", "blue", Phase.GATE));
        assertEquals("nest: deploy failed in gate; blue stayed live (12.4 s)", before.tooltip());
        assertEquals("symbol-protostar-blue plugin-protostar", before.symbol());

        BadgeModel back = BadgeModel.of(result("deploy", Outcome.SWITCHED_BACK, "blue", "blue", Phase.VERIFY));
        assertEquals("nest: deploy failed in verify; traffic went back to blue (12.4 s)", back.tooltip());
    }

    @Test
    void nothingLiveIsGrey() {
        BadgeModel first = BadgeModel.of(result("deploy", Outcome.FAILED_BEFORE_SWITCH, null, null, Phase.BUILD));
        assertEquals("nest: deploy failed in build; nothing was switched (12.4 s)", first.tooltip());
        assertEquals("symbol-protostar-none plugin-protostar", first.symbol());

        BadgeModel unsafe = BadgeModel.of(result("switch", Outcome.FAILED, null, "green", Phase.SWITCH));
        assertEquals("nest: switch failed in switch and could not be made safe; check what is live with protostarVerify (12.4 s)", unsafe.tooltip());
    }

    @Test
    void noImageIdNoShortId() {
        assertNull(new BadgeModel("a", "deploy", Outcome.SUCCEEDED, "blue", null, null, null, 0, null).shortImageId());
    }
}
