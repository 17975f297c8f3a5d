package dev.protostar.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.HistoryEntry;
import dev.protostar.core.spec.Arguments;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which history entry a rollback goes back to, for each way of naming it, and the refusals that name the field. */
class RollbackTargetTest {
    private static final String V1 = "sha256:" + "1".repeat(64);
    private static final String V2 = "sha256:" + "2".repeat(64);
    private static final String V3 = "sha256:" + "3".repeat(64);
    private static final String LATEST_THEN = "sha256:" + "4a".repeat(32);

    private static HistoryEntry entry(String id, String action, String outcome, String image, String imageId) {
        return new HistoryEntry(id, "2026-12-06T10:" + id.substring(id.length() - 2) + ":00Z", "shop", action, outcome, "ann", "rev-" + id,
                "blue", null, image, imageId, 1000, Map.of(), null);
    }

    private final List<HistoryEntry> history = List.of(
            entry("20261206-100001-aa01", "deploy", "SUCCEEDED", "shop:20261206-100001-aa01", V1),
            entry("20261206-100002-aa02", "deploy", "SUCCEEDED", "shop:20261206-100002-aa02", V2),
            entry("20261206-100003-aa03", "deploy", "FAILED_BEFORE_SWITCH", "shop:20261206-100003-aa03", V3),
            entry("20261206-100004-aa04", "deploy", "SUCCEEDED", "registry.local:5000/shop:latest", LATEST_THEN),
            entry("20261206-100005-aa05", "switch", "SUCCEEDED", "shop:20261206-100002-aa02", V2),
            entry("20261206-100006-aa06", "deploy", "SUCCEEDED", "shop:20261206-100006-aa06", V3));

    private static RollbackTarget resolve(String to, List<HistoryEntry> h, String live) {
        return RollbackTarget.resolve("shop", to, h, live);
    }

    @Test
    void aDeployIdNamesItsEntry() {
        RollbackTarget t = resolve("20261206-100001-aa01", history, V3);
        assertEquals("20261206-100001-aa01", t.entry().id());
        assertEquals(V1, t.imageId());
    }

    @Test
    void aSwitchOrRollbackIdNamesTheImageItMadeLive() {
        assertEquals(V2, resolve("20261206-100005-aa05", history, V3).imageId());
    }

    @Test
    void aRegistrysDigestNamesTheEntryThatRecordedIt() {
        String manifest = "sha256:" + "9c".repeat(32); // what the registry calls it: not the image id
        List<HistoryEntry> h = new java.util.ArrayList<>(history);
        h.set(3, h.get(3).pinnedBy("registry.local:5000/shop@" + manifest));
        for (String to : List.of("registry.local:5000/shop@" + manifest, manifest, "9c9c9c9c9c9c")) {
            RollbackTarget t = resolve(to, h, V3);
            assertEquals("20261206-100004-aa04", t.entry().id(), to);
            assertEquals(LATEST_THEN, t.imageId(), "it goes back to the image id the entry ran");
        }
    }

    @Test
    void anUnknownIdIsRefusedNamingTheField() {
        var e = assertThrows(RollbackTarget.Unresolved.class, () -> resolve("20261206-235959-ffff", history, V3));
        assertTrue(e.getMessage().startsWith("to: no deploy, switch or rollback with id 20261206-235959-ffff in the history of shop"),
                e.getMessage());
    }

    @Test
    void anEntryThatNeverServedIsNoVersion() {
        var e = assertThrows(RollbackTarget.Unresolved.class, () -> resolve("20261206-100003-aa03", history, V1));
        assertTrue(e.getMessage().startsWith("to: deploy 20261206-100003-aa03 never served"), e.getMessage());
        assertTrue(e.getMessage().contains("not switched"), e.getMessage());
    }

    @Test
    void aFullTagAndABareTagNameTheNewestEntryThatRanThem() {
        assertEquals("20261206-100005-aa05", resolve("shop:20261206-100002-aa02", history, V3).entry().id(),
                "the newest entry that ran the image");
        assertEquals("20261206-100004-aa04", resolve("latest", history, V3).entry().id());
        assertEquals("20261206-100004-aa04", resolve("registry.local:5000/shop:latest", history, V3).entry().id());
    }

    @Test
    void aDigestFullOrShortOrAfterANameNamesItsImage() {
        assertEquals(V1, resolve(V1, history, V3).imageId());
        assertEquals(V1, resolve("1".repeat(12), history, V3).imageId());
        assertEquals(LATEST_THEN, resolve("sha256:4a4a4a4a4a4a", history, V3).imageId());
        assertEquals(V2, resolve("shop@" + V2, history, V3).imageId());
    }

    @Test
    void aDigestNoVersionRanIsRefused() {
        var e = assertThrows(RollbackTarget.Unresolved.class, () -> resolve("sha256:" + "9".repeat(64), history, V3));
        assertTrue(e.getMessage().startsWith("to: no version in the history of shop has the digest"), e.getMessage());
    }

    @Test
    void anUnknownTagIsRefused() {
        var e = assertThrows(RollbackTarget.Unresolved.class, () -> resolve("v9", history, V3));
        assertTrue(e.getMessage().startsWith("to: no version in the history of shop has the tag \"v9\""), e.getMessage());
    }

    @Test
    void aTagThatRanDifferentImagesIsRefusedNamingTheirIds() {
        List<HistoryEntry> moved = new java.util.ArrayList<>(history);
        moved.add(entry("20261206-100007-aa07", "deploy", "SUCCEEDED", "registry.local:5000/shop:latest", V1));
        var e = assertThrows(RollbackTarget.Unresolved.class, () -> resolve("latest", moved, V3));
        assertTrue(e.getMessage().startsWith("to: the tag \"latest\" matches 2 different images"), e.getMessage());
        assertTrue(e.getMessage().contains("20261206-100004-aa04 ran") && e.getMessage().contains("20261206-100007-aa07 ran"), e.getMessage());
        assertTrue(e.getMessage().contains("name one by its deploy id"), e.getMessage());
    }

    @Test
    void withoutATargetItIsTheNewestVersionBeforeTheLiveImage() {
        assertEquals("20261206-100005-aa05", resolve(null, history, V3).entry().id());
        assertEquals("20261206-100004-aa04", resolve(null, history, V2).entry().id(), "the switch to v2 made v2 live, before it came latest");
        assertEquals("20261206-100005-aa05", resolve(null, history, null).entry().id(), "no route: the newest version counts as live");
        assertEquals("20261206-100005-aa05", resolve("previous", history, V3).entry().id(), "previous, as switch says it");
    }

    @Test
    void withoutATargetAndNothingEarlierItIsRefused() {
        var none = assertThrows(RollbackTarget.Unresolved.class, () -> resolve(null, List.of(), null));
        assertTrue(none.getMessage().startsWith("to: the history of shop holds no version that served"), none.getMessage());
        var same = assertThrows(RollbackTarget.Unresolved.class, () -> resolve(null, history.subList(0, 1), V1));
        assertTrue(same.getMessage().startsWith("to: every version in the history of shop ran the image that is live now"), same.getMessage());
    }

    @Test
    void theArgumentIsHeldToTheCharactersIdsTagsAndDigestsUse() {
        for (String good : List.of("20261206-100001-aa01", "latest", "shop:v1", "registry.local:5000/shop:v1", V1, "shop@" + V1)) {
            assertEquals(null, Arguments.rollbackTargetProblem(good), good);
        }
        for (String bad : List.of("", " ", "-x", "a b", "a\nb", "$(id)", "x".repeat(301), "\u202e")) {
            String problem = Arguments.rollbackTargetProblem(bad);
            assertTrue(problem != null && problem.contains("names no version"), bad + ": " + problem);
        }
    }
}
