package dev.protostar.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.StatusReport;
import dev.protostar.core.engine.fake.Behaviour;
import dev.protostar.core.engine.fake.World;
import dev.protostar.core.router.Route;
import dev.protostar.core.spec.Color;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code status} reads every host, says what nginx answers there, and names what is wrong instead of calling it fine. */
class StatusTest {
    @TempDir
    Path tmp;

    @Test
    void aHealthyAppHasNoProblems() throws Exception {
        Stage stage = Stage.oneHost(tmp);
        stage.world().image("shop:v1", Behaviour.HEALTHY);
        assertEquals(Outcome.SUCCEEDED, stage.deploy("shop:v1").outcome());

        StatusReport r = stage.status();

        assertTrue(r.ok(), r.problems().toString());
        assertEquals("blue", r.live());
        assertEquals("blue", r.answering());
        assertEquals(1, r.hosts().size());
        assertEquals(200, r.hosts().get(0).answerStatus());
    }

    @Test
    void nginxAnswering502IsAProblem() throws Exception {
        Stage stage = Stage.oneHost(tmp);
        stage.world().image("shop:v1", Behaviour.HEALTHY);
        assertEquals(Outcome.SUCCEEDED, stage.deploy("shop:v1").outcome());
        stage.world().crash("shop-blue"); // nothing behind nginx any more

        StatusReport r = stage.status();

        assertFalse(r.ok());
        assertEquals(502, r.hosts().get(0).answerStatus());
        assertFalse("blue".equals(r.answering()), "a 502 is not blue answering: " + r.answering());
        String all = String.join("\n", r.problems());
        assertTrue(all.contains("nginx answers 502 for shop"), all);
        assertTrue(all.contains("shop-blue is exited"), all);
        assertFalse(all.contains("switch --to green"), "green has no container to switch to: " + all);
        assertTrue(all.contains("protostar deploy brings up a new version"), all);
    }

    @Test
    void nginxAnsweringFromAnotherColorThanItsIncludeIsAProblem() throws Exception {
        Stage stage = Stage.oneHost(tmp);
        World world = stage.world().image("shop:v1", Behaviour.HEALTHY).image("shop:v2", Behaviour.HEALTHY);
        assertEquals(Outcome.SUCCEEDED, stage.deploy("shop:v1").outcome());
        assertEquals(Outcome.SUCCEEDED, stage.deploy("shop:v2").outcome());
        Route green = world.serving(Stage.APP).orElseThrow();
        String blue = world.container("shop-blue").orElseThrow().endpoint();
        world.editIncludeWithoutReload(new Route(Stage.APP, Color.BLUE, blue, green.endpoint(), green.image(), green.since(), "by-hand"));

        StatusReport r = stage.status();

        assertFalse(r.ok());
        assertEquals("blue", r.live(), "the include names blue");
        assertTrue(r.answering().contains("green"), r.answering());
        String all = String.join("\n", r.problems());
        assertTrue(all.contains("nginx answers from green, but its include file names blue"), all);
    }

    @Test
    void everyHostIsShownWithItsLabelAndAGoneContainerIsNotCalledRunning() throws Exception {
        Stage stage = Stage.twoHosts(tmp);
        List<World> worlds = List.copyOf(stage.worlds.values());
        for (int i = 0; i < 2; i++) {
            DeployResult d = stage.deploy(null);
            assertEquals(Outcome.SUCCEEDED, d.outcome(), d.error());
        }
        worlds.get(1).remove("shop-green"); // host 2 lost its live container; nginx falls back to blue there

        StatusReport r = stage.status();

        assertEquals(List.of("tcp://127.0.0.1:2375", "tcp://localhost:2375"), r.hosts().stream().map(StatusReport.HostState::host).toList());
        StatusReport.HostState first = r.hosts().get(0);
        StatusReport.HostState second = r.hosts().get(1);
        assertEquals("green", first.live());
        assertEquals("green", first.answering());
        assertTrue(first.problems().isEmpty(), first.problems().toString());
        assertEquals("green", second.live());
        StatusReport.ColorState secondGreen = second.colors().stream().filter(c -> c.color().equals("green")).findFirst().orElseThrow();
        assertEquals("absent", secondGreen.state());
        assertFalse("green".equals(second.answering()), "its backup answers, not green: " + second.answering());
        assertFalse(r.ok());
        assertTrue(r.problems().stream().allMatch(p -> p.startsWith("tcp://localhost:2375: ")), r.problems().toString());
        String all = String.join("\n", r.problems());
        assertTrue(all.contains("shop-green is gone"), all);
        assertTrue(all.contains("does not answer, its backup does"), all);
    }
}
