package dev.protostar.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.cli.Fixture;
import dev.protostar.cli.demo.SampleApp;
import dev.protostar.core.api.DeployRequest;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fault 5: two deploys of the same app at the same moment; two apps deploying at the same moment behind one nginx. */
class ConcurrentDeploysFaultTest {
    @TempDir
    Path tmp;

    @Test
    void twoDeploysOfOneAppAtOnceRunOneAtATime() throws Exception {
        try (Fixture f = new Fixture(tmp, null)) {
            assertEquals(Outcome.SUCCEEDED, f.deploy("v1").outcome());
            try (FaultRun run = FaultRun.start("same-app-twice-at-once", FaultRun.Target.of(f))) {
                SampleApp.setVersion(f.source, "v2");
                List<DeployResult> results = Fixture.atOnce(new DeployRequest(f.spec.toString(), null, "ci-a", "v2"),
                        new DeployRequest(f.spec.toString(), null, "ci-b", "v2"));
                run.finish();
                run.noRequestFailed().lockFree();
                assertEquals(1, results.stream().filter(DeployResult::ok).count(), "exactly one deploy ran: " + results);
                DeployResult refused = results.stream().filter(r -> !r.ok()).findFirst().orElseThrow();
                DeployResult winner = results.stream().filter(DeployResult::ok).findFirst().orElseThrow();
                assertEquals("green", winner.color());
                assertEquals("200 v2 green", f.answer(), "the deploy that ran switched traffic");
                assertTrue(new String(Files.readAllBytes(f.include())).contains("color=green"));
                assertTrue(f.running("blue") && f.running("green"), "blue stays warm, green serves");
                assertEquals(2, f.containers().size(), "no third container: " + f.containers().size());
                run.error(refused, Outcome.FAILED_BEFORE_SWITCH, Phase.LOCK,
                        "another deploy of " + f.app + " is running", "locked by ci-", "wait for it");
            }
        }
    }

    @Test
    void twoAppsDeployAtOnceBehindOneNginx() throws Exception {
        try (Fixture a = new Fixture(tmp.resolve("a"), null); Fixture b = a.sibling(tmp.resolve("b"))) {
            assertEquals(Outcome.SUCCEEDED, a.deploy("v1").outcome());
            assertEquals(Outcome.SUCCEEDED, b.deploy("v1").outcome());
            try (FaultRun run = FaultRun.start("two-apps-at-once", FaultRun.Target.of(a), FaultRun.Target.of(b))) {
                SampleApp.setVersion(a.source, "v2");
                SampleApp.setVersion(b.source, "v2");
                List<DeployResult> results = Fixture.atOnce(new DeployRequest(a.spec.toString(), null, "ci-a", "v2"),
                        new DeployRequest(b.spec.toString(), null, "ci-b", "v2"));
                run.finish();
                run.noRequestFailed().lockFree();
                for (DeployResult r : results) {
                    assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
                }
                assertEquals("200 v2 green", a.answer());
                assertEquals("200 v2 green", b.answer());
            }
        }
    }
}
