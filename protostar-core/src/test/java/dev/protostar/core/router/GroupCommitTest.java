package dev.protostar.core.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.spec.AppSpec;
import dev.protostar.core.spec.Color;
import dev.protostar.core.spec.SpecParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Changes to one nginx that commands of one JVM ask for at once are loaded with one test and one reload; a change nginx
 * rejects in such a group fails on its own, and the others go ahead. nginx is a stand-in: its test waits until the test
 * lets it go (so that changes queue up behind the first), and fails for an include that names port 1666.
 */
class GroupCommitTest {
    @TempDir
    Path tmp;

    private Path dir;
    private Path gate;
    private final Map<String, NginxHostRouter> routers = new LinkedHashMap<>();

    private AppSpec spec(String app) throws Exception {
        dir = Files.createDirectories(tmp.resolve("conf.d"));
        gate = tmp.resolve("gate");
        Path test = script("test.sh", "echo t >> %s/tests\nwhile [ ! -f %s ]; do sleep 0.01; done\n! grep -qs :1666 %s/*.conf\n"
                .formatted(tmp, gate, dir));
        Path reload = script("reload.sh", "echo r >> %s/reloads\n".formatted(tmp));
        return SpecParser.parse("protostar.yml", """
                app: %s
                router:
                  includeDir: %s
                  listen: 127.0.0.1:%d
                  test: [%s]
                  reload: [%s]
                  commandTimeout: 60s
                """.formatted(app, dir, FreePort.next(), test, reload), tmp);
    }

    private Path script(String name, String body) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, "#!/bin/sh\n" + body);
        f.toFile().setExecutable(true);
        return f;
    }

    private static Route route(String app, int port) {
        return new Route(app, Color.BLUE, "127.0.0.1:" + port, null, "sha256:abc", "2026-12-07T10:00:00Z", "d1");
    }

    private int lines(String file) throws Exception {
        Path f = tmp.resolve(file);
        return Files.exists(f) ? Files.readAllLines(f).size() : 0;
    }

    /** {@code first} applies and holds nginx's lock in its test; then every app of {@code rest} asks, and they wait. */
    private Map<String, CompletableFuture<Void>> queuedBehindTheFirst(String first, List<String> rest) throws Exception {
        return queuedBehindTheFirst(first, rest, Map.of());
    }

    private Map<String, CompletableFuture<Void>> queuedBehindTheFirst(String first, List<String> rest, Map<String, Fence> fences)
            throws Exception {
        Map<String, CompletableFuture<Void>> changes = new LinkedHashMap<>();
        NginxHostRouter leader = new NginxHostRouter(spec(first));
        routers.put(first, leader);
        changes.put(first, CompletableFuture.runAsync(() -> leader.apply(route(first, 2000))));
        long bound = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (lines("tests") < 1 && System.nanoTime() < bound) {
            Thread.sleep(10);
        }
        assertEquals(1, lines("tests"), "the first change is in its test");
        for (String app : rest) {
            NginxHostRouter r = new NginxHostRouter(spec(app));
            routers.put(app, r);
            r.fencedBy(fences.getOrDefault(app, Fence.NONE));
            int port = app.startsWith("bad") ? 1666 : 2000 + changes.size();
            changes.put(app, CompletableFuture.runAsync(() -> r.apply(route(app, port))));
        }
        ChangeGroup group = ChangeGroup.of(leader.groupKey());
        while (group.waiting() < rest.size() && System.nanoTime() < bound) {
            Thread.sleep(10);
        }
        assertEquals(rest.size(), group.waiting(), "the others wait for the first");
        Files.createFile(gate);
        return changes;
    }

    private static Throwable failure(CompletableFuture<Void> change) {
        try {
            change.get(60, TimeUnit.SECONDS);
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private String include(String app) throws Exception {
        Path f = dir.resolve("protostar-" + app + ".conf");
        return Files.exists(f) ? Files.readString(f) : null;
    }

    private void noRecordLeft() throws Exception {
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".pending")), "no pending record left");
        }
    }

    @Test
    void changesThatWaitTogetherAreLoadedWithOneTestAndOneReload() throws Exception {
        Map<String, CompletableFuture<Void>> changes = queuedBehindTheFirst("gca", List.of("gcb", "gcc", "gcd"));

        changes.forEach((app, change) -> assertNull(failure(change), app));
        for (String app : changes.keySet()) {
            assertTrue(include(app) != null && NginxInclude.parse(include(app)).isPresent(), app + "'s include is in place");
        }
        assertEquals(2, lines("tests"), "the first alone, then the three that waited together");
        assertEquals(0, routers.get("gca").loadedWithOthers());
        assertEquals(2, routers.get("gcc").loadedWithOthers(), "gcc's reload loaded gcb's and gcd's changes too");
        assertEquals(2, lines("reloads"));
        noRecordLeft();
    }

    @Test
    void aChangeNginxRejectsInAGroupFailsOnItsOwnAndTheOthersAreLoaded() throws Exception {
        Map<String, CompletableFuture<Void>> changes = queuedBehindTheFirst("gra", List.of("grb", "badgr", "grc"));

        Throwable bad = failure(changes.get("badgr"));
        assertTrue(bad instanceof RouterException && bad.getMessage().contains("nginx rejected the configuration"), String.valueOf(bad));
        assertNull(include("badgr"), "its first include is gone again");
        for (String app : List.of("gra", "grb", "grc")) {
            assertNull(failure(changes.get(app)), app);
            assertTrue(include(app) != null, app + "'s include is in place");
        }
        assertEquals(3, lines("reloads"), "the first; then, once the group's test failed, each good one on its own");
        noRecordLeft();
    }

    @Test
    void aChangeWhoseLockLapsedBeforeTheReloadIsPutBackAndTheOthersAreLoaded() throws Exception {
        java.util.concurrent.atomic.AtomicInteger checks = new java.util.concurrent.atomic.AtomicInteger();
        Fence lapsing = new Fence() { // held when its change is written, lost by the check right before the reload
            @Override
            public String lost() {
                return checks.incrementAndGet() > 1 ? "its lock lapsed" : null;
            }

            @Override
            public String who() {
                return "test";
            }
        };
        Map<String, CompletableFuture<Void>> changes = queuedBehindTheFirst("gfa", List.of("gfb", "gfc"), Map.of("gfb", lapsing));

        Throwable lapsed = failure(changes.get("gfb"));
        assertTrue(lapsed instanceof RouterException.FencedOff && lapsed.getMessage().contains("its lock lapsed"), String.valueOf(lapsed));
        assertNull(include("gfb"), "put back: it had no include before");
        assertNull(failure(changes.get("gfa")));
        assertNull(failure(changes.get("gfc")));
        assertTrue(include("gfc") != null);
        assertEquals(3, lines("tests"), "the first; the group; the group again without the change put back");
        assertEquals(2, lines("reloads"));
        noRecordLeft();
    }

    /** Two apps' routers on one nginx whose test passes at once, with its group's bounds set to {@code gather} and {@code announcedFor}. */
    private List<NginxHostRouter> twoApps(String a, String b, Duration gather, Duration announcedFor) throws Exception {
        NginxHostRouter first = new NginxHostRouter(spec(a));
        NginxHostRouter second = new NginxHostRouter(spec(b));
        Files.createFile(gate);
        ChangeGroup.of(first.groupKey()).bounds(gather, announcedFor);
        return List.of(first, second);
    }

    private static void until(java.util.function.BooleanSupplier what, String message) throws InterruptedException {
        long bound = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!what.getAsBoolean() && System.nanoTime() < bound) {
            Thread.sleep(10);
        }
        assertTrue(what.getAsBoolean(), message);
    }

    @Test
    void aLeaderWaitsForAChangeAnnouncedToItAndBothShareOneReload() throws Exception {
        // Bounds beyond the test's own waits (60 s): only the second change's arrival ends the first one's wait in time.
        List<NginxHostRouter> apps = twoApps("gwa", "gwb", Duration.ofSeconds(120), Duration.ofSeconds(120));
        ChangeGroup group = ChangeGroup.of(apps.get(0).groupKey());
        apps.get(1).changeComing();
        assertEquals(1, group.announced());

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> apps.get(0).apply(route("gwa", 2000)));
        until(group::gathering, "the first change waits for the one announced");
        assertEquals(0, lines("tests"), "nothing is tested while it waits");
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> apps.get(1).apply(route("gwb", 2001)));

        assertNull(failure(first));
        assertNull(failure(second));
        assertEquals(1, lines("tests"));
        assertEquals(1, lines("reloads"), "one reload for both");
        assertEquals(1, apps.get(0).loadedWithOthers());
        assertEquals(1, apps.get(1).loadedWithOthers());
        assertEquals(0, group.announced(), "the change took its announcement back");
        noRecordLeft();
    }

    @Test
    void anAnnouncementTakenBackLetsTheLeaderGoAlone() throws Exception {
        // A leader bound to wait two minutes for it: the test's own wait (60 s) ends first unless taking it back wakes it.
        List<NginxHostRouter> apps = twoApps("gta", "gtb", Duration.ofSeconds(120), Duration.ofSeconds(120));
        ChangeGroup group = ChangeGroup.of(apps.get(0).groupKey());
        apps.get(1).changeComing();

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> apps.get(0).apply(route("gta", 2000)));
        until(group::gathering, "the first change waits for the one announced");
        apps.get(1).changeNotComing();

        assertNull(failure(first));
        assertEquals(1, lines("reloads"));
        assertEquals(0, apps.get(0).loadedWithOthers());
        assertNull(include("gtb"));
    }

    @Test
    void anAnnouncementOlderThanItsBoundHoldsNobody() throws Exception {
        List<NginxHostRouter> apps = twoApps("goa", "gob", Duration.ofSeconds(120), Duration.ofMillis(100));
        apps.get(1).changeComing();
        Thread.sleep(300); // a loaded machine only makes it older

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> apps.get(0).apply(route("goa", 2000)));

        assertNull(failure(first), "it did not wait for a stale announcement");
        assertEquals(1, lines("reloads"));
    }

    @Test
    void withNothingAnnouncedNobodyWaits() throws Exception {
        List<NginxHostRouter> apps = twoApps("gna", "gnb", Duration.ofSeconds(120), Duration.ofSeconds(120));

        assertNull(failure(CompletableFuture.runAsync(() -> apps.get(0).apply(route("gna", 2000)))));

        assertEquals(0, apps.get(0).waitedForOthers());
    }

    @Test
    void anAnnouncementOfAnAppWhoseChangeIsQueuedIsNotWaitedFor() throws Exception {
        // Another command of the same app said its change is coming: it waits for this one's lock, so it comes after it.
        List<NginxHostRouter> apps = twoApps("gsa", "gsb", Duration.ofSeconds(120), Duration.ofSeconds(120));
        NginxHostRouter sameApp = new NginxHostRouter(spec("gsa"));
        sameApp.changeComing();

        assertNull(failure(CompletableFuture.runAsync(() -> apps.get(0).apply(route("gsa", 2000)))));
        assertEquals(1, ChangeGroup.of(apps.get(0).groupKey()).announced(), "still announced: it comes later");
        sameApp.changeNotComing();
    }
}
