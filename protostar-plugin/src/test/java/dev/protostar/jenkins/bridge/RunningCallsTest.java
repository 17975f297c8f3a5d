package dev.protostar.jenkins.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RunningCallsTest {
    @Test
    void stopInterruptsTheRunningCallWhichStillReturns() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<String> result = CompletableFuture.supplyAsync(() -> RunningCalls.run("a", () -> {
            started.countDown();
            try {
                Thread.sleep(30_000);
                return "not stopped";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "stopped safely";
            }
        }));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        assertTrue(RunningCalls.stop("a"));
        assertEquals("stopped safely", result.get(10, TimeUnit.SECONDS));
        assertFalse(RunningCalls.isRunning("a"));
    }

    @Test
    void aStopThatArrivesFirstStillCounts() {
        assertFalse(RunningCalls.stop("b"));
        boolean interrupted = RunningCalls.run("b", () -> Thread.currentThread().isInterrupted());
        assertTrue(interrupted);
    }

    /** A stop for a call that already ended is never claimed; it must not stay for the agent's lifetime. */
    @Test
    void lateStopsAreForgotten() {
        RunningCalls.stopArrived("ended-long-ago", RunningCalls.FORGET_STOPS_AFTER_NANOS + 1);
        int before = RunningCalls.earlyStops();
        assertFalse(RunningCalls.stop("ended-just-now"));
        assertEquals(before, RunningCalls.earlyStops(), "the old stop went as the new one came");
        RunningCalls.run("ended-just-now", () -> null); // claims it
    }

    @Test
    void theThreadIsNotLeftInterrupted() {
        RunningCalls.run("c", () -> {
            Thread.currentThread().interrupt();
            return null;
        });
        assertFalse(Thread.interrupted());
    }
}
