package dev.protostar.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.cli.Fixture;
import dev.protostar.cli.NginxContainer;
import dev.protostar.cli.demo.SampleApp;
import dev.protostar.core.api.DeployRequest;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Event;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import dev.protostar.core.docker.Docker;
import dev.protostar.core.engine.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's smoke requests: before the switch, the new color answers the engine's requests through nginx by a preview
 * route, and nobody else's. A smoke request that fails switches nothing and leaves the include as it was; a deploy killed
 * while the preview is recorded, written, loaded or in use leaves the live color serving, and the next commands repair it.
 */
class SmokeThroughPreviewFaultTest {
    @TempDir
    Path tmp;

    private static final String SMOKE = """
            retire:
              drain: 1s
            hooks:
              beforeSwitch:
                - name: smoke
                  path: /
            """;

    private static DeployResult deploy(Fixture f, String version, List<Event> events) throws Exception {
        SampleApp.setVersion(f.source, version);
        return Engine.deploy(new DeployRequest(f.spec.toString(), null, "test", version), events::add);
    }

    private static void hooks(Fixture f, String beforeSwitch) throws Exception {
        String spec = Files.readString(f.spec);
        Files.writeString(f.spec, spec.substring(0, spec.indexOf("hooks:")) + "hooks:\n  beforeSwitch:\n" + beforeSwitch);
    }

    private static boolean said(List<Event> events, String text) {
        return events.stream().anyMatch(e -> e.message() != null && e.message().contains(text));
    }

    @Test
    void onlyTheEngineReachesTheNewColorBeforeTheSwitchAndAFailedSmokeSwitchesNothing() throws Exception {
        try (Fixture f = new Fixture(tmp, SMOKE)) {
            // The first deploy previews with no route yet: nginx answers 503 to everyone else meanwhile.
            List<Event> first = new ArrayList<>();
            DeployResult r1 = deploy(f, "v1", first);
            assertEquals(Outcome.SUCCEEDED, r1.outcome(), r1.error());
            assertTrue(said(first, "everyone else still gets a 503"), first.toString());
            assertTrue(said(first, "hooks.beforeSwitch[0] (smoke): GET " + f.url() + "/ through nginx's preview of"), first.toString());
            assertFalse(Files.readString(f.include()).contains("preview"), "the switch ended the preview:\n" + Files.readString(f.include()));

            // The preview stays open while a later hook runs 3 s, then that hook fails: the public never reached green.
            hooks(f, """
                        - name: smoke
                          path: /
                        - name: slow-then-fails
                          command: [sh, -c, "sleep 3; echo giving up; exit 5"]
                    """);
            try (FaultRun run = FaultRun.start("smoke-passes-a-later-hook-fails", FaultRun.Target.of(f))) {
                List<Event> events = new ArrayList<>();
                DeployResult r = deploy(f, "v2", events);
                run.finish();
                run.noRequestFailed().servedOnlyBy("blue").lockFree().unchanged();
                assertTrue(said(events, "through nginx's preview of") && said(events, "answered 200"), events.toString());
                run.error(r, Outcome.FAILED_BEFORE_SWITCH, Phase.BEFORE_SWITCH, "hooks.beforeSwitch[1] (slow-then-fails)",
                        "exited with code 5", "Nothing was switched");
                assertFalse(f.exists("green"));
            }

            // A smoke request the new version answers 404: nothing switched, the include as it was.
            hooks(f, """
                        - name: smoke
                          path: /no-such-page
                    """);
            try (FaultRun run = FaultRun.start("smoke-fails", FaultRun.Target.of(f))) {
                DeployResult r = deploy(f, "v3", new ArrayList<>());
                run.finish();
                run.noRequestFailed().servedOnlyBy("blue").lockFree().unchanged();
                run.error(r, Outcome.FAILED_BEFORE_SWITCH, Phase.BEFORE_SWITCH, "hooks.beforeSwitch[0] (smoke): GET " + f.url()
                        + "/no-such-page through nginx's preview of", "answered 404 (expected 200)", "Nothing was switched");
                assertFalse(f.exists("green"));
            }

            hooks(f, """
                        - name: smoke
                          path: /
                    """);
            DeployResult r4 = deploy(f, "v4", new ArrayList<>());
            assertEquals(Outcome.SUCCEEDED, r4.outcome(), r4.error());
            assertEquals("200 v4 green", f.answer());
            assertFalse(Files.readString(f.include()).contains("preview"));
        }
    }

    @Test
    void withNginxInAContainerTheSmokeRequestIsSentFromInsideItsNetwork() throws Exception {
        String run = Long.toString(ThreadLocalRandom.current().nextLong(1L << 30, 1L << 31), 36);
        Docker docker = Docker.connect(Fixture.DOCKER);
        NginxContainer nginx = new NginxContainer(docker, "protostar-test-nginx-" + run, "protostar-test-" + run, Fixture.freePort());
        String app = "p" + run;
        try {
            Path source = tmp.resolve(app);
            SampleApp.write(source, "v1");
            Path spec = source.resolve("protostar.yml");
            String smoke = SMOKE + "    - name: deep\n      path: /cgi-bin/slow\n";
            Files.writeString(spec, nginx.spec(app, "listen: 8081", smoke));
            List<Event> first = new ArrayList<>();
            DeployResult r1 = Engine.deploy(new DeployRequest(spec.toString(), null, "test", "v1"), first::add);
            assertEquals(Outcome.SUCCEEDED, r1.outcome(), r1.error());
            assertTrue(said(first, "hooks.beforeSwitch[1] (deep): GET") && said(first, "answered 200"), first.toString());

            Files.writeString(spec, nginx.spec(app, "listen: 8081", smoke.replace("/cgi-bin/slow", "/cgi-bin/no-such-script")));
            try (FaultRun r = FaultRun.start("smoke-fails-nginx-container", FaultRun.Target.of(app, spec, nginx))) {
                SampleApp.setVersion(source, "v2");
                DeployResult failed = Engine.deploy(new DeployRequest(spec.toString(), null, "test", "v2"), EventListener.NONE);
                r.finish();
                r.noRequestFailed().servedOnlyBy("blue").lockFree().unchanged();
                r.error(failed, Outcome.FAILED_BEFORE_SWITCH, Phase.BEFORE_SWITCH, "hooks.beforeSwitch[1] (deep)", "(expected 200)");
            }
        } finally {
            Fixture.removeApp(docker, app);
            nginx.close();
            NginxContainer.removeNetwork(docker, nginx.network);
            docker.close();
        }
    }

    /** The preview's own steps as crash points, run through the same checks as every step of the switch. */
    @Test
    void aDeployKilledWhileItPreviewsLeavesTheLiveColorServing() throws Exception {
        try (Fixture f = new Fixture(tmp.resolve("a"), SMOKE);
             Fixture sibling = f.sibling(tmp.resolve("b"))) {
            int[] s = {0};
            CrashPointFaultTest.survivesEveryPoint(new CrashPointFaultTest.Subject(f.spec, f.source, f::answer,
                    () -> sibling.deploy("s" + ++s[0]), FaultRun.Target.of(f), () -> CrashPointFaultTest.pendingRecords(f.include().getParent()),
                    () -> f.containers().size()), List.of(
                    new CrashPointFaultTest.Point("preview.renamed", false, false),
                    new CrashPointFaultTest.Point("preview.reloaded", false, false), // its record not yet cleared: undone
                    new CrashPointFaultTest.Point("smoke.previewed", false, false))); // loaded: ended by the next change
        }
    }
}
