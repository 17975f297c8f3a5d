package dev.protostar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.DeployRequest;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Event;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import dev.protostar.core.engine.Engine;
import dev.protostar.core.state.EngineLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An aborted build interrupts the deploying thread: the engine stops at a safe point. */
class AbortTest {
    @TempDir
    Path tmp;

    @Test
    void interruptDuringTheGateStopsBeforeTheSwitchAndCleansUp() throws Exception {
        try (Fixture f = new Fixture(tmp, "retire:\n  drain: 0s\n")) {
            assertEquals(Outcome.SUCCEEDED, f.deploy("v1").outcome());
            String route = Files.readString(f.include());
            Files.writeString(f.spec, Files.readString(f.spec) + "env:\n  START_DELAY: \"20\"\n");

            CountDownLatch gating = new CountDownLatch(1);
            AtomicReference<Thread> worker = new AtomicReference<>();
            CompletableFuture<DeployResult> deploy = CompletableFuture.supplyAsync(() -> {
                worker.set(Thread.currentThread());
                return Engine.deploy(new DeployRequest(f.spec.toString(), null, "aborted-build", "v2"), e -> {
                    if (e.kind() == Event.Kind.STARTED && e.phase() == Phase.GATE) {
                        gating.countDown();
                    }
                });
            });
            assertTrue(gating.await(60, TimeUnit.SECONDS), "the deploy reached the gate");
            Thread.sleep(300);
            worker.get().interrupt();
            DeployResult r = deploy.get(60, TimeUnit.SECONDS);

            assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome(), r.error());
            assertEquals(Phase.GATE, r.failedPhase());
            assertTrue(r.error().contains("stopped on request"), r.error());
            assertFalse(f.exists("green"), "the half-started color was removed");
            assertTrue(EngineLock.read(f.docker, f.app).isEmpty(), "the lock was released");
            assertEquals(route, Files.readString(f.include()));
            assertEquals("200 v1 blue", f.answer());
        }
    }
}
