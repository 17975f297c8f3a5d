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
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The router's file handling with stand-in commands: whatever goes wrong, the previous include is back. */
class NginxHostRouterTest {
    private static final int PORT = FreePort.next();

    @TempDir
    Path dir;

    private AppSpec spec(String test, String reload) {
        return SpecParser.parse("protostar.yml", """
                app: nest
                router:
                  includeDir: %s
                  listen: 127.0.0.1:%d
                  test: %s
                  reload: %s
                  commandTimeout: 1s
                """.formatted(dir, PORT, test, reload), dir);
    }

    private static Route route(Color c, String port) {
        return new Route("nest", c, "127.0.0.1:" + port, null, "sha256:abc", "2026-11-25T10:00:00Z", "d1");
    }

    @Test
    void aPassingChangeIsWrittenWhole() throws Exception {
        NginxHostRouter router = new NginxHostRouter(spec("[true]", "[true]"));
        router.apply(route(Color.BLUE, "1001"));
        assertEquals(Color.BLUE, router.current("nest").orElseThrow().color());
        router.restore(java.util.Optional.empty());
        assertTrue(router.current("nest").isEmpty());
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp file left");
        }
    }

    @Test
    void aFailingTestPutsThePreviousIncludeBack() throws Exception {
        new NginxHostRouter(spec("[true]", "[true]")).apply(route(Color.BLUE, "1001"));
        String before = Files.readString(dir.resolve("protostar-nest.conf"));
        RouterException e = assertThrows(RouterException.class,
                () -> new NginxHostRouter(spec("[ls, /nonexistent-protostar-path]", "[true]")).apply(route(Color.GREEN, "1002")));
        assertTrue(e.getMessage().contains("nginx rejected the configuration"), e.getMessage());
        assertTrue(e.getMessage().contains("nonexistent-protostar-path"), e.getMessage());
        assertEquals(before, Files.readString(dir.resolve("protostar-nest.conf")));
    }

    @Test
    void aTestThatHangsIsCutAtTheTimeoutAndThePreviousIncludeIsBack() throws Exception {
        new NginxHostRouter(spec("[true]", "[true]")).apply(route(Color.BLUE, "1001"));
        String before = Files.readString(dir.resolve("protostar-nest.conf"));
        long t0 = System.nanoTime();
        RouterException e = assertThrows(RouterException.class,
                () -> new NginxHostRouter(spec("[sleep, '5']", "[true]")).apply(route(Color.GREEN, "1002")));
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 4000);
        assertTrue(e.getMessage().contains("did not finish within 1 s"), e.getMessage());
        assertEquals(before, Files.readString(dir.resolve("protostar-nest.conf")));
    }

    @Test
    void aReloadThatHangsPutsThePreviousIncludeBackAndSaysSo() throws Exception {
        new NginxHostRouter(spec("[true]", "[true]")).apply(route(Color.BLUE, "1001"));
        String before = Files.readString(dir.resolve("protostar-nest.conf"));
        RouterException e = assertThrows(RouterException.class,
                () -> new NginxHostRouter(spec("[true]", "[sleep, '5']")).apply(route(Color.GREEN, "1002")));
        assertTrue(e.getMessage().contains("previous include was put back"), e.getMessage());
        assertTrue(e.getMessage().contains("Check nginx now"), e.getMessage());
        assertEquals(before, Files.readString(dir.resolve("protostar-nest.conf")));
    }

    @Test
    void anInterruptDoesNotCutAChangeInHalf() throws Exception {
        NginxHostRouter router = new NginxHostRouter(spec("[sleep, '0.3']", "[true]"));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                router.apply(route(Color.GREEN, "1002"));
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        Thread.sleep(100);
        t.interrupt();
        t.join(5000);
        assertEquals(null, failure.get());
        assertEquals(Color.GREEN, router.current("nest").orElseThrow().color());
        assertFalse(t.isAlive());
    }
}
