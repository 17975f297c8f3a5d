package dev.protostar.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.engine.fake.Behaviour;
import dev.protostar.core.engine.fake.World;
import dev.protostar.core.spec.Color;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An app on two hosts, each with its own nginx: host by host, and back on every host when one fails. */
class HostByHostTest {
    @TempDir
    Path tmp;
    Stage stage;
    World first;
    World second;

    @BeforeEach
    void blueServesOnBoth() throws Exception {
        stage = Stage.twoHosts(tmp);
        List<World> worlds = List.copyOf(stage.worlds.values());
        first = worlds.get(0);
        second = worlds.get(1);
        DeployResult r = stage.deploy(null);
        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
        assertEquals(Color.BLUE, first.serving(Stage.APP).orElseThrow().color());
        assertEquals(Color.BLUE, second.serving(Stage.APP).orElseThrow().color());
    }

    @Test
    void aGoodDeployMovesEveryHost() {
        DeployResult r = stage.deploy(null);

        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
        assertEquals(Color.GREEN, first.serving(Stage.APP).orElseThrow().color());
        assertEquals(Color.GREEN, second.serving(Stage.APP).orElseThrow().color());
        assertTrue(r.phases().keySet().stream().anyMatch(p -> p.startsWith("host2.")), r.phases().toString());
    }

    @Test
    void theSecondHostFailingSwitchesTheFirstBack() {
        second.builds(Behaviour.EXITS);

        DeployResult r = stage.deploy(null);

        assertEquals(Outcome.SWITCHED_BACK, r.outcome(), r.error());
        assertEquals("blue", r.color());
        assertTrue(r.error().contains("on host 2 of 2") && r.error().contains("switched back to blue"), r.error());
        // host 1 served green until its switch-back: "never switched away from" is about host 2 alone
        assertTrue(r.error().contains("blue is still live on tcp://localhost:2375 and was never switched away from there."), r.error());
        assertTrue(r.error().contains("tcp://127.0.0.1:2375: switched back to blue (it had served green since its switch)"), r.error());
        assertFalse(r.error().contains("blue is still live and was never switched away from"), r.error());
        assertEquals(Color.BLUE, first.serving(Stage.APP).orElseThrow().color(), "the first host is back on the color it had");
        assertEquals(Color.BLUE, second.serving(Stage.APP).orElseThrow().color());
        assertFalse(first.locked());
        assertFalse(second.locked());
    }

    @Test
    void theFirstHostFailingLeavesTheSecondUntouched() {
        first.builds(Behaviour.EXITS);
        List<String> before = second.names();

        DeployResult r = stage.deploy(null);

        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome(), r.error());
        assertTrue(r.error().contains("The hosts after it were not touched"), r.error());
        assertEquals(before, second.names());
        assertEquals(Color.BLUE, second.serving(Stage.APP).orElseThrow().color());
    }
}
