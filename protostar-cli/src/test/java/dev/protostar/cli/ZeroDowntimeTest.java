package dev.protostar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bounded load through nginx across cutovers and a rollback: zero failed requests, counted. */
class ZeroDowntimeTest {
    @TempDir
    Path tmp;

    @Test
    void noRequestFailsAcrossCutoversAndRollback() throws Exception {
        try (Fixture f = new Fixture(tmp, null)) {
            cutoversUnderLoad(f, "previous warm");
        }
    }

    /**
     * The risky path: the old color is stopped while slow requests may still be on it. (With
     * drain: 0s and stopTimeout: 0s this test sees 502s: it can fail.)
     */
    @Test
    void noRequestFailsWhenTheOldColorIsStoppedAfterEachCutover() throws Exception {
        try (Fixture f = new Fixture(tmp, "retire:\n  drain: 5s\n  previous: stop\n  stopTimeout: 10s\n")) {
            cutoversUnderLoad(f, "previous stopped");
        }
    }

    private static void cutoversUnderLoad(Fixture f, String policy) throws Exception {
        assertEquals(Outcome.SUCCEEDED, f.deploy("v1").outcome());
        Load load = new Load(f.url(), 5_000, Duration.ofSeconds(120));
        try (load) {
            Thread.sleep(300);
            assertEquals(Outcome.SUCCEEDED, f.deploy("v2").outcome());
            assertEquals(Outcome.SUCCEEDED, f.switchTo("previous").outcome());
            assertEquals(Outcome.SUCCEEDED, f.deploy("v3").outcome());
            Thread.sleep(300);
        }
        int sent = load.sent.get();
        System.out.printf("load across 2 cutovers and 1 rollback (%s): %d requests, %d failed, answered by %s%n",
                policy, sent, load.failures.size(), load.servedBy);
        assertEquals(List.of(), load.failures.subList(0, Math.min(10, load.failures.size())),
                load.failures.size() + " of " + sent + " requests failed");
        assertTrue(sent > 200, "the load ran during the cutovers: " + sent + " requests");
        assertTrue(load.servedBy.containsKey("blue") && load.servedBy.containsKey("green"),
                "both colors answered under load: " + load.servedBy);
    }
}
