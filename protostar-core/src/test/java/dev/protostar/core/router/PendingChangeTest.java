package dev.protostar.core.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.spec.AppSpec;
import dev.protostar.core.spec.Color;
import dev.protostar.core.spec.SpecParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The router's crash protocol with stand-in nginx commands (milliseconds): a change cut short at any point
 * leaves a pending record, and the next change on the same include directory, by any app, puts it back
 * before it reloads; a change whose fence says its lock is lost changes nothing.
 */
class PendingChangeTest {
    private static final String NEST = "127.0.0.1:" + FreePort.next();
    private static final String API = "127.0.0.1:" + FreePort.next();

    @TempDir
    Path dir;

    private AppSpec spec(String app, String listen) {
        return SpecParser.parse("protostar.yml", """
                app: %s
                router:
                  includeDir: %s
                  listen: %s
                  test: [true]
                  reload: [true]
                  commandTimeout: 5s
                """.formatted(app, dir, listen), dir);
    }

    private static Route route(String app, Color c, String port, String deploy) {
        return new Route(app, c, "127.0.0.1:" + port, null, "sha256:abc", "2026-12-06T10:00:00Z", deploy);
    }

    private String include(String app) throws Exception {
        Path f = dir.resolve(NginxInclude.fileName(app));
        return Files.exists(f) ? Files.readString(f) : null;
    }

    /** What a process killed right after its rename (before the reload) leaves: the new file and its record. */
    private void cutAfterRename(AppSpec spec, Route from, Route to) throws Exception {
        NginxHostRouter r = new NginxHostRouter(spec);
        // As the router does: the record holds the file as it was (with its probe token), the new one keeps the token.
        String before = include(spec.app());
        assertEquals(from, before == null ? null : NginxInclude.parse(before).orElseThrow());
        String token = before == null ? NginxInclude.newProbeToken() : NginxInclude.probeToken(before).orElseThrow();
        r.writePending(spec.app(), new Pending(spec.app(), "ci (d2)", before).text());
        r.write(spec.app(), NginxInclude.render(spec, to, token));
    }

    @Test
    void anotherAppsChangePutsBackAChangeThatWasCutShort() throws Exception {
        AppSpec nest = spec("nest", NEST);
        new NginxHostRouter(nest).apply(route("nest", Color.BLUE, "1001", "d1"));
        String blue = include("nest");
        cutAfterRename(nest, route("nest", Color.BLUE, "1001", "d1"), route("nest", Color.GREEN, "1002", "d2"));
        assertTrue(include("nest").contains("color=green"));

        List<String> notes = new ArrayList<>();
        NginxHostRouter other = new NginxHostRouter(spec("api", API));
        other.reportTo(notes::add);
        other.apply(route("api", Color.BLUE, "2001", "a1"));

        assertEquals(blue, include("nest"), "the unverified green never takes effect through api's reload");
        assertTrue(include("api").contains("color=blue"));
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).contains("a change of nest by ci") && notes.get(0).contains("back to blue"), notes.get(0));
        assertTrue(new NginxHostRouter(nest).pending().isEmpty(), "no record left");
    }

    /** Another app's record may be that app's change under way: settling it would wait for that change's lock. */
    @Test
    void settleLeavesAnotherAppsRecordToTheNextChange() throws Exception {
        AppSpec nest = spec("nest", NEST);
        new NginxHostRouter(nest).apply(route("nest", Color.BLUE, "1001", "d1"));
        cutAfterRename(nest, route("nest", Color.BLUE, "1001", "d1"), route("nest", Color.GREEN, "1002", "d2"));
        NginxHostRouter api = new NginxHostRouter(spec("api", API));

        assertTrue(api.settle().isEmpty());
        assertTrue(include("nest").contains("color=green"), "left as it is");
        assertEquals(1, api.pending().size());

        List<String> notes = new ArrayList<>();
        api.reportTo(notes::add);
        api.apply(route("api", Color.BLUE, "2001", "a1"));
        assertTrue(include("nest").contains("color=blue"), "put back by the next change");
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(new NginxHostRouter(nest).pending().isEmpty());
    }

    @Test
    void settleUndoesACutFirstDeployByRemovingItsInclude() throws Exception {
        AppSpec nest = spec("nest", NEST);
        cutAfterRename(nest, null, route("nest", Color.BLUE, "1001", "d1"));
        List<String> done = new NginxHostRouter(nest).settle();
        assertEquals(1, done.size(), done.toString());
        assertEquals(null, include("nest"));
        assertTrue(new NginxHostRouter(nest).settle().isEmpty(), "settling twice does nothing more");
    }

    @Test
    void aFirstSwitchCutShortAfterASmokePreviewGoesBackToThePreviewWhichTheNextCommandEnds() throws Exception {
        AppSpec nest = spec("nest", NEST);
        NginxHostRouter r = new NginxHostRouter(nest);
        r.preview(Optional.empty(), "127.0.0.1:1003");
        String preview = include("nest");
        assertTrue(preview.startsWith("# protostar-preview app=nest "), preview);
        assertEquals(Optional.empty(), r.current("nest"), "a preview is no route");
        // The first switch's record holds the preview-only include; the process dies after its rename.
        r.writePending("nest", new Pending("nest", "ci (d1)", preview).text());
        r.write("nest", NginxInclude.render(nest, route("nest", Color.BLUE, "1001", "d1"), NginxInclude.probeToken(preview).orElseThrow()));

        List<String> done = new NginxHostRouter(nest).settle();
        assertEquals(1, done.size(), done.toString());
        assertEquals(preview, include("nest"), "put back, not dropped as a torn record: the unverified route never takes effect");
        assertEquals(Optional.of("127.0.0.1:1003"), new NginxHostRouter(nest).endPreview(Optional.empty()));
        assertEquals(null, include("nest"), "no route, as before the first deploy");
        assertEquals(Optional.empty(), new NginxHostRouter(nest).endPreview(Optional.empty()), "nothing more to end");
    }

    @Test
    void aSwitchBackCutShortIsCompletedNotUndone() throws Exception {
        AppSpec nest = spec("nest", NEST);
        NginxHostRouter r = new NginxHostRouter(nest);
        r.apply(route("nest", Color.GREEN, "1002", "d2")); // the new color, now failing verify
        // The switch-back's record names where it was going: blue.
        r.writePending("nest", new Pending("nest", "ci (d2)", NginxInclude.render(nest, route("nest", Color.BLUE, "1001", "d1"))).text());
        new NginxHostRouter(nest).settle();
        assertTrue(include("nest").contains("color=blue"), include("nest"));
    }

    @Test
    void aTornRecordMovedNothingAndIsDropped() throws Exception {
        AppSpec nest = spec("nest", NEST);
        NginxHostRouter r = new NginxHostRouter(nest);
        r.apply(route("nest", Color.BLUE, "1001", "d1"));
        String blue = include("nest");
        String whole = new Pending("nest", "ci", NginxInclude.render(nest, route("nest", Color.GREEN, "1002", "d2"))).text();
        Files.writeString(dir.resolve(Pending.fileName("nest")), whole.substring(0, whole.length() - 10));
        assertTrue(r.settle().isEmpty());
        assertEquals(blue, include("nest"));
        assertTrue(r.pending().isEmpty());
    }

    @Test
    void aChangeWhoseLockIsLostIsRefusedAndChangesNothing() throws Exception {
        AppSpec nest = spec("nest", NEST);
        NginxHostRouter r = new NginxHostRouter(nest);
        r.apply(route("nest", Color.BLUE, "1001", "d1"));
        String blue = include("nest");
        r.fencedBy(new Fence() {
            @Override
            public String lost() {
                return "deploy d2 no longer holds the lock of nest";
            }

            @Override
            public String who() {
                return "ci (d2)";
            }
        });
        RouterException e = assertThrows(RouterException.class, () -> r.restore(Optional.of(route("nest", Color.GREEN, "1002", "d2"))));
        assertTrue(e.getMessage().contains("no longer holds the lock") && e.getMessage().contains("nothing was changed"), e.getMessage());
        assertFalse(e.mayHaveReloaded());
        assertEquals(blue, include("nest"));
    }

    @Test
    void aFinishedChangeLeavesNoRecord() throws Exception {
        NginxHostRouter r = new NginxHostRouter(spec("nest", NEST));
        r.apply(route("nest", Color.BLUE, "1001", "d1"));
        r.apply(route("nest", Color.GREEN, "1002", "d2"));
        assertTrue(r.pending().isEmpty());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(".protostar-router.lock", "protostar-nest.conf"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
