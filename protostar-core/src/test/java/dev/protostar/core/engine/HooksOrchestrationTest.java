package dev.protostar.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Event;
import dev.protostar.core.api.HistoryEntry;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import dev.protostar.core.docker.Labels;
import dev.protostar.core.engine.fake.Behaviour;
import dev.protostar.core.engine.fake.Box;
import dev.protostar.core.engine.fake.Killed;
import dev.protostar.core.engine.fake.World;
import dev.protostar.core.spec.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** beforeSwitch and afterSwitch hooks on fake hosts: what runs, where, when, and what a failure leaves serving. */
class HooksOrchestrationTest {
    private static final String MIGRATE = """
            hooks:
              beforeSwitch:
                - name: check
                  command: [true]
                - name: migrate
                  command: [%s, migrate, deploy]
                  timeout: 2m
            """;

    @TempDir
    Path tmp;

    /** blue serves v1 (its deploy ran the hooks too), green is the warm v2; the next deploy brings v3 to blue. */
    private Stage blueV1GreenV2(String spec) throws Exception {
        Stage stage = Stage.oneHost(tmp, spec);
        stage.world().image("shop:v1", Behaviour.HEALTHY).image("shop:v2", Behaviour.HEALTHY).image("shop:v3", Behaviour.HEALTHY);
        assertEquals(Outcome.SUCCEEDED, stage.deploy("shop:v1").outcome());
        DeployResult second = stage.deploy("shop:v2");
        assertEquals(Outcome.SUCCEEDED, second.outcome(), second.error());
        assertEquals("green", second.color());
        return stage;
    }

    @Test
    void aRollbackRunsNoBeforeSwitchHookAnOlderImagesMigrationWouldMeetANewerSchema() throws Exception {
        Stage stage = blueV1GreenV2(MIGRATE.formatted("alembic"));
        stage.deploy("shop:v3");
        int before = stage.world().oneOffsStarted().size();

        DeployResult r = stage.rollback(null);

        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
        assertEquals("rollback", r.action());
        assertEquals(before, stage.world().oneOffsStarted().size(), "no hook ran for the rollback");
        assertTrue(!r.phases().containsKey("beforeSwitch"), r.phases().toString());
    }

    @Test
    void passingHooksRunInOrderFromTheNewImageBeforeTheSwitchAndAreRemoved() throws Exception {
        Stage stage = blueV1GreenV2(MIGRATE.formatted("prisma"));
        World world = stage.world();
        List<Color> servingDuringHooks = new ArrayList<>();
        world.hookExitsWhile(() -> servingDuringHooks.add(world.serving(Stage.APP).orElseThrow().color()));

        DeployResult r = stage.deploy("shop:v3");

        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
        assertEquals("blue", r.color());
        List<World.OneOff> ran = world.oneOffsStarted();
        assertEquals(6, ran.size(), "two hooks for each of three deploys");
        World.OneOff check = ran.get(4);
        World.OneOff migrate = ran.get(5);
        assertEquals(List.of("true"), check.command());
        assertEquals(List.of("prisma", "migrate", "deploy"), migrate.command());
        assertEquals("shop:v3", migrate.imageName(), "from the new image");
        assertEquals("blue", migrate.env().get("PROTOSTAR_COLOR"), "as the color it boots as");
        assertEquals("migrate", migrate.env().get("PROTOSTAR_HOOK"));
        assertEquals("hooks.beforeSwitch[1]", migrate.labels().get(Labels.HOOK));
        assertEquals(Stage.APP, migrate.labels().get(Labels.APP));
        assertEquals(world.container("shop-blue").orElseThrow().deployId(), migrate.labels().get(Labels.DEPLOY), "labelled with its change");
        assertEquals(List.of(Color.GREEN, Color.GREEN), servingDuringHooks, "they ran before the switch");
        assertEquals(List.of(), world.oneOffNames(), "each one-off container was removed");
        assertTrue(stage.events.stream().anyMatch(e -> e.kind() == Event.Kind.OUTPUT && e.phase() == Phase.BEFORE_SWITCH
                && e.message().equals("ran prisma migrate deploy")), "its output is streamed to the events");
        assertTrue(r.phases().containsKey("beforeSwitch"), r.phases().toString());
    }

    @Test
    void aFailingHookSwitchesNothingLeavesTheOldColorUntouchedAndNamesTheHookItsCodeAndOutput() throws Exception {
        Stage stage = blueV1GreenV2(MIGRATE.formatted("prisma"));
        World world = stage.world();
        Box warm = world.container("shop-blue").orElseThrow();
        Box live = world.container("shop-green").orElseThrow();
        rewrite(stage, MIGRATE.formatted("fail") + "    - name: after\n      command: [true]\n");
        int before = world.oneOffsStarted().size();

        DeployResult r = stage.deploy("shop:v3");

        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome(), r.error());
        assertEquals(Phase.BEFORE_SWITCH, r.failedPhase());
        assertTrue(r.error().contains("hooks.beforeSwitch[1] (migrate): fail migrate deploy exited with code 3"), r.error());
        assertTrue(r.error().contains("something went wrong in fail"), "its last output lines: " + r.error());
        assertTrue(r.error().contains("Nothing was switched") && r.error().contains("green is still live"), r.error());
        assertEquals(2, world.oneOffsStarted().size() - before, "the hook after the failing one never ran");
        assertEquals(Color.GREEN, world.serving(Stage.APP).orElseThrow().color());
        assertSame(live, world.container("shop-green").orElseThrow());
        assertSame(warm, world.container("shop-blue").orElseThrow(), "the instant rollback is the very container it was");
        assertTrue(warm.running() && live.running());
        assertEquals(List.of("shop-blue", "shop-green"), world.names().stream().sorted().toList(), "the new container went");
        assertEquals(List.of(), world.oneOffNames());
        assertFalse(world.locked());
        HistoryEntry last = world.history().get(world.history().size() - 1);
        assertEquals("FAILED_BEFORE_SWITCH", last.outcome());
        assertTrue(last.error().contains("hooks.beforeSwitch[1] (migrate)"), last.error());
        assertFalse(last.error().contains("something went wrong"), "the container's output is shown, not kept in the history");
    }

    @Test
    void aHookPastItsTimeoutIsKilledAndSwitchesNothing() throws Exception {
        Stage stage = blueV1GreenV2(MIGRATE.formatted("prisma"));
        rewrite(stage, MIGRATE.formatted("hang"));

        DeployResult r = stage.deploy("shop:v3");

        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome(), r.error());
        assertTrue(r.error().contains("did not finish within its timeout of 2m; it was killed and removed"), r.error());
        assertEquals(Color.GREEN, stage.world().serving(Stage.APP).orElseThrow().color());
        assertEquals(List.of(), stage.world().oneOffNames());
    }

    @Test
    void aHookContainerADeployKilledMidHookLeftIsRemovedByTheNextCommandAndRunsNoMore() throws Exception {
        Stage stage = blueV1GreenV2(MIGRATE.formatted("prisma"));
        World world = stage.world();
        world.crashAt("hook.started");
        assertThrows(Killed.class, () -> stage.deploy("shop:v3"));
        assertEquals(1, world.oneOffNames().size(), "the dead deploy's hook container is left: " + world.oneOffNames());
        String left = world.oneOffNames().get(0);
        int started = world.oneOffsStarted().size();

        DeployResult next = stage.switchTo("green");

        assertEquals(Outcome.SUCCEEDED, next.outcome(), next.error());
        assertTrue(stage.warnings().contains("removed " + left + ", the hooks.beforeSwitch[0] hook container of deploy "), stage.warnings());
        assertEquals(List.of(), world.oneOffNames());
        assertEquals(started, world.oneOffsStarted().size(), "a switch runs no hook");
        assertEquals(Color.GREEN, world.serving(Stage.APP).orElseThrow().color());
    }

    @Test
    void onFirstRunsOnTheFirstHostOnlyAndOnEachOnEveryHost() throws Exception {
        Stage stage = Stage.twoHosts(tmp, """
                hooks:
                  beforeSwitch:
                    - { name: migrate, command: [migrate] }
                    - { name: local, command: [warm], on: each }
                """);
        stage.worlds.values().forEach(w -> w.image("shop:v1", Behaviour.HEALTHY));

        DeployResult r = stage.deploy("shop:v1");

        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
        List<World> hosts = List.copyOf(stage.worlds.values());
        assertEquals(List.of(List.of("migrate"), List.of("warm")), hosts.get(0).oneOffsStarted().stream().map(World.OneOff::command).toList());
        assertEquals(List.of(List.of("warm")), hosts.get(1).oneOffsStarted().stream().map(World.OneOff::command).toList());
    }

    @Test
    void aFailingAfterSwitchHookIsAWarningTheSwitchStandsAndTheHistoryKeepsIt() throws Exception {
        Stage stage = blueV1GreenV2("""
                hooks:
                  afterSwitch:
                    - { name: warm, command: [fail, warm-cache] }
                    - { name: ok, command: [true] }
                """);
        World world = stage.world();
        List<Color> servingDuringHooks = new ArrayList<>();
        world.hookExitsWhile(() -> servingDuringHooks.add(world.serving(Stage.APP).orElseThrow().color()));

        DeployResult r = stage.deploy("shop:v3");

        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
        assertEquals(Color.BLUE, world.serving(Stage.APP).orElseThrow().color());
        assertEquals(List.of(Color.BLUE, Color.BLUE), servingDuringHooks, "after the switch; the second ran too");
        assertTrue(stage.warnings().contains("hooks.afterSwitch[0] (warm): fail warm-cache exited with code 3"), stage.warnings());
        assertTrue(stage.warnings().contains("The switch stands"), stage.warnings());
        assertTrue(r.error().contains("1 afterSwitch hook(s) failed: hooks.afterSwitch[0] (warm)"), r.error());
        HistoryEntry last = world.history().get(world.history().size() - 1);
        assertEquals("SUCCEEDED", last.outcome());
        assertTrue(last.error().contains("hooks.afterSwitch[0] (warm)"), last.error());
        assertEquals(List.of(), world.oneOffNames());
    }

    @Test
    void passingAfterSwitchHooksLeaveTheResultClean() throws Exception {
        Stage stage = blueV1GreenV2("hooks: { afterSwitch: [ { command: [true] } ] }\n");

        DeployResult r = stage.deploy("shop:v3");

        assertEquals(Outcome.SUCCEEDED, r.outcome());
        assertNull(r.error());
        assertTrue(r.phases().containsKey("afterSwitch"), r.phases().toString());
    }

    @Test
    void aDeployWhoseLeaseLapsedRunsNoFurtherHook() throws Exception {
        Stage stage = blueV1GreenV2(MIGRATE.formatted("prisma"));
        World world = stage.world();
        int before = world.oneOffsStarted().size();
        world.at("hook.started", world::lapseLease);

        DeployResult r = stage.deploy("shop:v3");

        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome(), r.error());
        assertTrue(r.error().contains("no longer holds the lock"), r.error());
        assertEquals(1, world.oneOffsStarted().size() - before, "the migration after the hook it was paused in did not run");
        assertEquals(Color.GREEN, world.serving(Stage.APP).orElseThrow().color());
    }

    @Test
    void anInterruptWhileAHookRunsKillsItAndSwitchesNothing() throws Exception {
        Stage stage = blueV1GreenV2(MIGRATE.formatted("prisma"));
        World world = stage.world();
        world.hookExitsWhile(() -> Thread.currentThread().interrupt()); // a Jenkins abort, or Ctrl-C

        DeployResult r;
        try {
            r = stage.deploy("shop:v3");
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        }

        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome(), r.error());
        assertTrue(r.error().contains("hooks.beforeSwitch[0] (check): stopped on request while it ran; it was killed and removed"),
                r.error());
        assertEquals(Color.GREEN, world.serving(Stage.APP).orElseThrow().color());
        assertEquals(List.of("shop-blue", "shop-green"), world.names().stream().sorted().toList());
        assertEquals(List.of(), world.oneOffNames());
        assertFalse(world.locked());
    }

    @Test
    void anAfterSwitchCallSendsItsHeadersFromTheDeployingMachineAndAFailedAnswerIsAWarning() throws Exception {
        List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " token=" + exchange.getRequestHeaders()
                    .getFirst("X-Token") + " body=" + new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            byte[] answer = ("refused " + exchange.getRequestHeaders().getFirst("X-Token")).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/ok") ? 204 : 500,
                    exchange.getRequestURI().getPath().equals("/ok") ? -1 : answer.length);
            if (!exchange.getRequestURI().getPath().equals("/ok")) {
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            Stage stage = Stage.oneHost(tmp, """
                    hooks:
                      afterSwitch:
                        - name: notify
                          url: http://127.0.0.1:%d/ok
                          headers: { X-Token: { fromEnv: NOTIFY_TOKEN } }
                          body: deployed
                        - url: http://127.0.0.1:%d/broken
                          method: PUT
                          headers: { X-Token: { fromEnv: NOTIFY_TOKEN } }
                          timeout: 5s
                    """.formatted(port, port));
            stage.world().image("shop:v1", Behaviour.HEALTHY);
            String token = "tok-" + Long.toHexString(System.nanoTime());

            DeployResult r = stage.deploy("shop:v1", java.util.Map.of("NOTIFY_TOKEN", token));

            assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
            assertEquals(List.of("POST /ok token=" + token + " body=deployed", "PUT /broken token=" + token + " body="), received);
            assertTrue(stage.warnings().contains("hooks.afterSwitch[1]: PUT http://127.0.0.1:" + port + "/broken answered 500 (expected 2xx)"),
                    stage.warnings());
            assertTrue(stage.warnings().contains("refused ****"), "the answer is shown, the secret in it masked: " + stage.warnings());
            assertFalse(stage.events.toString().contains(token), "no event carries the secret");
            assertFalse(r.error().contains(token), r.error());
            assertTrue(r.error().contains("hooks.afterSwitch[1]"), r.error());
            assertFalse(stage.world().history().toString().contains(token));
        } finally {
            server.stop(0);
        }
    }

    private static void rewrite(Stage stage, String hooks) throws Exception {
        String text = java.nio.file.Files.readString(Path.of(stage.specFile));
        java.nio.file.Files.writeString(Path.of(stage.specFile), text.substring(0, text.indexOf("hooks:")) + hooks);
    }
}
