package dev.protostar.core.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.files.FileGuard;
import dev.protostar.core.spec.Color;
import dev.protostar.core.spec.SpecParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A change that waits for another change to the same nginx stops on an abort, and says so. */
class RouterWaitTest {
    @TempDir
    Path dir;

    @Test
    void anAbortStopsAChangeWaitingForTheRouterGuardAndNothingChanges() throws Exception {
        NginxHostRouter router = new NginxHostRouter(SpecParser.parse("protostar.yml", """
                app: nest
                router:
                  includeDir: %s
                  test: [true]
                  reload: [true]
                """.formatted(dir), dir));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        Thread otherChange = new Thread(() -> {
            try {
                FileGuard.hold(dir.resolve(".protostar-router.lock"), Duration.ofSeconds(30), () -> {
                    holding.countDown();
                    try {
                        return letGo.await(2, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        return false;
                    }
                });
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        otherChange.start();
        try {
            assertTrue(holding.await(30, TimeUnit.SECONDS));
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread deploy = new Thread(() -> {
                try {
                    router.apply(new Route("nest", Color.BLUE, "127.0.0.1:1001", null, "sha256:abc", "2026-11-25T10:00:00Z", "d1"));
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            deploy.start();
            Thread.sleep(500);
            assertTrue(deploy.isAlive(), "the change waits for the other one");
            deploy.interrupt();
            deploy.join(15_000);
            assertFalse(deploy.isAlive(), "the abort stopped the wait");
            assertTrue(failure.get() instanceof RouterException, String.valueOf(failure.get()));
            assertTrue(failure.get().getMessage().startsWith("stopped on request while waiting for another change to release "),
                    failure.get().getMessage());
            assertFalse(Files.exists(dir.resolve("protostar-nest.conf")), "nothing was written");
        } finally {
            letGo.countDown();
            otherChange.join(30_000);
        }
        assertEquals(java.util.Optional.empty(), router.current("nest"));
    }
}
