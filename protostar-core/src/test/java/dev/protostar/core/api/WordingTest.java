package dev.protostar.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class WordingTest {
    @Test
    void eachEventIsOneLine() {
        assertEquals(WordingSample.lines(true), WordingSample.events().stream().map(e -> Wording.line(e, true)).toList());
        assertEquals(WordingSample.lines(false), WordingSample.events().stream().map(e -> Wording.line(e, false))
                .filter(Objects::nonNull).toList());
        assertNull(Wording.line(new Event(Event.Kind.OUTPUT, Phase.BUILD, "x", 0), false), "build output only when verbose");
    }

    @Test
    void theClosingLinesDifferOnlyInTheAdvice() {
        assertEquals(WordingSample.closings(Advice.COMMAND_LINE.status()),
                WordingSample.results().stream().map(r -> Wording.closing(r, Advice.COMMAND_LINE)).toList());
        Advice pipeline = new Advice() {
            public String switchTo(String target) { return "protostarSwitch to: '" + target + "'"; }
            public String status() { return "protostarVerify"; }
            public String releaseLock(String holder) { return "protostarReleaseLock"; }
            public String specLocation() { return "spec:"; }
        };
        assertEquals(WordingSample.closings("protostarVerify"),
                WordingSample.results().stream().map(r -> Wording.closing(r, pipeline)).toList());
        DeployResult failed = WordingSample.results().get(1);
        assertEquals(WordingSample.closings("").get(1) + "\n" + failed.error(), Wording.failure(failed, Advice.COMMAND_LINE));
    }

    @Test
    void aVerifyAndALockReleaseAreSaid() {
        assertEquals("nest: blue is live and answers through nginx", Wording.verified("nest", "blue"));
        assertEquals(List.of("nest: verify found 2 problem(s):", "  - nginx answers green", "  - nest-blue is not running"),
                Wording.problems("nest", List.of("nginx answers green", "nest-blue is not running")));
        assertEquals("released the lock held by ann on a1, by bob", Wording.lockReleased("ann on a1", "bob"));
        assertEquals("not released: the lock is held by ann on a1, not by bob", Wording.lockHeldByAnother("ann on a1", "bob"));
    }

    @Test
    void secondsDoNotFollowTheLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            assertEquals("12.31 s", Wording.seconds(12_310));
        } finally {
            java.util.Locale.setDefault(before);
        }
    }
}
