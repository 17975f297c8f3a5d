package dev.protostar.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.engine.fake.Behaviour;
import dev.protostar.core.engine.fake.Box;
import dev.protostar.core.engine.fake.FakeRouter;
import dev.protostar.core.engine.fake.Runner;
import dev.protostar.core.engine.fake.World;
import dev.protostar.core.router.Route;
import dev.protostar.core.spec.Color;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * For a moment after a reload nginx's old workers still route as before it. A switch counts at the first answer from the
 * new color; only stopping the color it switched away from waits until no old worker routes to it.
 */
class OldWorkersTest {
    @TempDir
    Path tmp;

    /** Blue live, green running; the command's clock starts as it switches to green. */
    private record Switched(World world, Route blue, VirtualClock clock, Cutover cutover) {}

    private Switched switchedToGreen(int oldWorkerAnswers) throws Exception {
        Stage stage = Stage.oneHost(tmp);
        World w = stage.world().image("shop:v1", Behaviour.HEALTHY).image("shop:v2", Behaviour.HEALTHY);
        Box blue = w.running(stage.spec, Color.BLUE, "shop:v1", true);
        Route live = w.serving(Stage.APP).orElseThrow();
        Box green = w.running(stage.spec, Color.GREEN, "shop:v2", false);
        w.oldWorkersFor(oldWorkerAnswers);
        VirtualClock clock = new VirtualClock();
        Cutover cutover = new Cutover(stage.spec, new FakeRouter(w, new Runner(), stage.spec), new Timeline(e -> {}), clock);
        cutover.switchTo(new Route(Stage.APP, Color.GREEN, green.endpoint(), blue.endpoint(), "sha256:2", "2026-12-07T00:00:00Z", "test"));
        return new Switched(w, live, clock, cutover);
    }

    /** The settle window passed, and nginx answers the next {@code n} requests from {@code color} alone. */
    private static void settledOn(Switched s, String color, int n) {
        assertTrue(s.clock().nanoTime() >= Cutover.OLD_WORKERS_STOP_ACCEPTING.toNanos(), "waited " + s.clock().nanoTime() + " ns");
        for (int i = 0; i < n; i++) {
            assertEquals(color, s.world().answer(Stage.APP).color(), "answer " + i + ": no old worker routes elsewhere any more");
        }
    }

    @Test
    void aSwitchCountsAtTheFirstAnswerFromTheNewColorAndTheOldWorkersAreWaitedOutWhenAsked() throws Exception {
        Switched s = switchedToGreen(8);
        assertEquals(0, s.clock().nanoTime(), "the first answer from green confirms the switch, without a settle window");

        assertTrue(s.cutover().awaitOldWorkers());
        settledOn(s, "green", 8);
        long settled = s.clock().nanoTime();
        assertTrue(s.cutover().awaitOldWorkers());
        assertEquals(settled, s.clock().nanoTime(), "waited out once");
    }

    @Test
    void aSwitchBackWaitsOutTheOldWorkersAtOnceForTheColorItLeavesIsRemovedNext() throws Exception {
        Switched s = switchedToGreen(0);
        s.world().oldWorkersFor(8);

        s.cutover().restore(java.util.Optional.of(s.blue()));

        settledOn(s, "blue", 8);
        long back = s.clock().nanoTime();
        assertTrue(s.cutover().awaitOldWorkers());
        assertEquals(back, s.clock().nanoTime(), "nothing left to wait for after a switch back");
    }

    @Test
    void aDeployStopsTheColorItLeftOnlyOnceNoOldWorkerRoutesToIt() throws Exception {
        Stage stage = Stage.oneHostStoppingPrevious(tmp);
        World w = stage.world().image("shop:v1", Behaviour.HEALTHY).image("shop:v2", Behaviour.HEALTHY);
        assertEquals(Outcome.SUCCEEDED, stage.deploy("shop:v1").outcome());
        Color first = w.serving(Stage.APP).orElseThrow().color();
        w.oldWorkersFor(40);

        DeployResult r = stage.deploy("shop:v2");

        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
        assertFalse(w.container(stage.spec.containerName(first)).map(b -> b.running()).orElse(false), "the color it left is stopped");
        for (int i = 0; i < 40; i++) {
            w.answer(Stage.APP);
        }
        assertEquals(0, w.lostToOldWorkers(), "no old worker routed a request to the stopped color");
    }
}
