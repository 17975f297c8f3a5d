package dev.protostar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.DeployRequest;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Event;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import dev.protostar.core.docker.Labels;
import dev.protostar.core.engine.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hooks around the switch on the real Docker engine and nginx: a beforeSwitch hook runs from the new image before the
 * switch, with the app's env and volumes; one that fails or hangs past its timeout is killed and removed, and the old
 * color keeps serving.
 */
class HooksTest {
    @TempDir
    Path tmp;

    private final String secret = "hook-secret-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);

    private DeployResult deploy(Fixture f, String version, List<Event> events) throws Exception {
        Files.writeString(f.source.resolve("VERSION"), version + "\n");
        return Engine.deploy(new DeployRequest(f.spec.toString(), null, "hooks-test", version, List.of(), null,
                Map.of("HOOKS_TEST_SECRET", secret)), events::add);
    }

    private static void hooks(Fixture f, Path data, String hooks) throws Exception {
        String spec = Files.readString(f.spec);
        spec = spec.substring(0, spec.indexOf("retire:"));
        Files.writeString(f.spec, spec + """
                retire:
                  drain: 1s
                env:
                  DB_PASSWORD: { fromEnv: HOOKS_TEST_SECRET }
                container:
                  volumes: ["%s:/data"]
                hooks:
                """.formatted(data) + hooks);
    }

    private static List<String> hookContainers(Fixture f) {
        return f.containers().stream().filter(c -> c.getLabels() != null && c.getLabels().containsKey(Labels.HOOK))
                .map(c -> c.getNames()[0]).toList();
    }

    private static int indexOf(List<Event> events, java.util.function.Predicate<Event> which) {
        for (int i = 0; i < events.size(); i++) {
            if (which.test(events.get(i))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aPassingHookRunsBeforeTheSwitchAFailingOrHangingOneSwitchesNothing() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        try (Fixture f = new Fixture(tmp, "retire:\n  drain: 1s\n")) {
            hooks(f, data, """
                  beforeSwitch:
                    - name: migrate
                      command: [sh, -c, "echo migrated $(cat /VERSION) as $PROTOSTAR_COLOR >> /data/migrations; echo password=$DB_PASSWORD"]
                      timeout: 1m
                  afterSwitch:
                    - name: warm
                      command: [sh, -c, "echo cold; exit 4"]
                """);
            List<Event> events = new ArrayList<>();
            DeployResult first = deploy(f, "v1", events);

            assertEquals(Outcome.SUCCEEDED, first.outcome(), first.error());
            assertEquals("200 v1 blue", f.answer());
            assertEquals("migrated v1 as blue\n", Files.readString(data.resolve("migrations")), "the hook ran from the new image, with its volume");
            int output = indexOf(events, e -> e.kind() == Event.Kind.OUTPUT && e.phase() == Phase.BEFORE_SWITCH
                    && e.message().equals("password=****"));
            int switched = indexOf(events, e -> e.kind() == Event.Kind.STARTED && e.phase() == Phase.SWITCH);
            assertTrue(output >= 0 && switched > output, "its output (the secret masked) came before the switch: " + events);
            assertFalse(events.toString().contains(secret), "no event carries the secret");
            assertTrue(first.error().contains("hooks.afterSwitch[0] (warm)") && first.error().contains("exited with code 4"),
                    "an afterSwitch failure is a warning on a deploy that succeeded: " + first.error());
            assertEquals(List.of(), hookContainers(f), "every hook container was removed");

            hooks(f, data, """
                  beforeSwitch:
                    - name: migrate
                      command: [sh, -c, "echo about to fail; exit 7"]
                """);
            DeployResult failed = deploy(f, "v2", new ArrayList<>());

            assertEquals(Outcome.FAILED_BEFORE_SWITCH, failed.outcome(), failed.error());
            assertEquals(Phase.BEFORE_SWITCH, failed.failedPhase());
            assertTrue(failed.error().contains("hooks.beforeSwitch[0] (migrate): sh -c echo about to fail; exit 7 exited with code 7"),
                    failed.error());
            assertTrue(failed.error().contains("about to fail"), "its last output lines: " + failed.error());
            assertEquals("200 v1 blue", f.answer(), "the old color keeps serving");
            assertTrue(f.running("blue"));
            assertFalse(f.exists("green"), "the new color went, as after a failed gate");
            assertEquals(List.of(), hookContainers(f));

            hooks(f, data, """
                  beforeSwitch:
                    - command: [sleep, "600"]
                      timeout: 2s
                """);
            // What a deploy killed while its hook ran leaves behind: the next command removes it.
            String stale = f.app + "-hook-19990101-000000-dead-b0";
            String image = f.containers().stream().filter(c -> c.getNames()[0].equals("/" + f.app + "-blue")).findFirst().orElseThrow()
                    .getImageId();
            f.docker.run("plant a stale hook container", java.time.Duration.ofSeconds(30), () -> {
                String id = f.docker.client().createContainerCmd(image).withName(stale).withCmd("sleep", "600")
                        .withLabels(Map.of(Labels.APP, f.app, Labels.HOOK, "hooks.beforeSwitch[0]", Labels.DEPLOY, "19990101-000000-dead"))
                        .exec().getId();
                f.docker.client().startContainerCmd(id).exec();
            });
            List<Event> hungEvents = new ArrayList<>();
            DeployResult hung = deploy(f, "v3", hungEvents);
            assertTrue(hungEvents.stream().anyMatch(e -> e.kind() == Event.Kind.WARNING && e.message().startsWith("removed " + stale
                    + ", the hooks.beforeSwitch[0] hook container of deploy 19990101-000000-dead, which did not finish (it was still running")),
                    hungEvents.toString());

            assertEquals(Outcome.FAILED_BEFORE_SWITCH, hung.outcome(), hung.error());
            assertTrue(hung.error().contains("hooks.beforeSwitch[0]: sleep 600 did not finish within its timeout of 2s; it was killed "
                    + "and removed"), hung.error());
            assertTrue(hung.phases().get("beforeSwitch") < 120_000, "killed at its timeout, not after the sleep: " + hung.phases());
            assertEquals("200 v1 blue", f.answer());
            assertFalse(f.exists("green"));
            assertEquals(List.of(), hookContainers(f));
            assertEquals("migrated v1 as blue\n", Files.readString(data.resolve("migrations")), "no hook ran twice");
        }
    }
}
