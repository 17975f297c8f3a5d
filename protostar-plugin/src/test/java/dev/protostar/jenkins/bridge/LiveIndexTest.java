package dev.protostar.jenkins.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.protostar.core.api.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The job page's live colors: the newest badge of any job per app and Docker engine. */
class LiveIndexTest {
    private static final String MAIN = "tcp://10.0.0.5:2376";

    /** The documented separate rollback job switched last: the deploy job's page shows its color, and links its build. */
    @Test
    void aRollbackJobsSwitchIsWhatTheDeployJobShows() {
        LiveIndex index = new LiveIndex();
        LiveIndex.Seen deployed = seen("nest", "deploy", "green", MAIN, 1_000, "nest #12", "job/nest/12/");
        index.record(deployed);
        LiveIndex.Seen rolledBack = seen("nest", "switch", "blue", MAIN, 2_000, "nest-rollback #3", "job/nest-rollback/3/");
        index.record(rolledBack);
        List<LiveIndex.Seen> shown = index.live(List.of(deployed));
        assertEquals(List.of(rolledBack), shown);
        assertEquals("blue", shown.get(0).badge().live());
        assertEquals("job/nest-rollback/3/", shown.get(0).buildUrl());
    }

    @Test
    void anOlderBadgeNeverHidesANewerOne() {
        LiveIndex index = new LiveIndex();
        LiveIndex.Seen newer = seen("nest", "switch", "blue", MAIN, 2_000, "rollback #3", "job/rollback/3/");
        index.record(newer);
        long generation = index.generation();
        index.record(seen("nest", "deploy", "green", MAIN, 1_000, "nest #12", "job/nest/12/")); // written late, e.g. after a timeout
        assertEquals(newer, index.newest("nest", MAIN));
        assertEquals(generation, index.generation(), "nothing changed for the job pages");
        LiveIndex.Seen own = seen("nest", "deploy", "green", MAIN, 3_000, "nest #13", "job/nest/13/");
        assertEquals(List.of(own), index.live(List.of(own)), "the job's own newer badge wins");
    }

    /** The same app on another engine (or in another job's other app) is another row, untouched. */
    @Test
    void eachAppAndEngineIsItsOwn() {
        LiveIndex index = new LiveIndex();
        index.record(seen("nest", "switch", "blue", "tcp://staging:2376", 5_000, "stage #1", "job/stage/1/"));
        index.record(seen("api", "switch", "blue", MAIN, 5_000, "api #1", "job/api/1/"));
        LiveIndex.Seen mine = seen("nest", "deploy", "green", MAIN, 1_000, "nest #12", "job/nest/12/");
        assertEquals(List.of(mine), index.live(List.of(mine)));
        assertNull(index.newest("nest", MAIN));
    }

    /** A unix socket is the engine of the machine it is on; a tcp engine is the same from every agent. */
    @Test
    void socketsAreNamedWithTheirNode() {
        assertEquals("agent-1 unix:///var/run/docker.sock", LiveIndex.engineId("unix:///var/run/docker.sock", "agent-1"));
        assertEquals("built-in unix:///var/run/docker.sock", LiveIndex.engineId("unix:///var/run/docker.sock", ""));
        assertEquals(MAIN, LiveIndex.engineId(MAIN, "agent-1"));
        assertEquals("", LiveIndex.engineId(null, "agent-1"));
    }

    private static LiveIndex.Seen seen(String app, String action, String live, String engine, long at, String name, String url) {
        BadgeModel b = new BadgeModel(app, action, Outcome.SUCCEEDED, live, null, app + ":1", "sha256:1", 1200, null);
        return new LiveIndex.Seen(b, engine, at, name, url);
    }
}
