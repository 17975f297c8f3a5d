package dev.protostar.core.engine.fake;

import dev.protostar.core.api.HistoryEntry;
import dev.protostar.core.state.AppHistory;
import java.util.List;

/** The world's history as one process sees it. */
public final class FakeHistory implements AppHistory {
    private final World world;
    private final Runner runner;

    public FakeHistory(World world, Runner runner) {
        this.world = world;
        this.runner = runner;
    }

    @Override
    public void append(HistoryEntry entry) {
        synchronized (world) {
            world.reach(runner, "history.appending"); // a step of the fake world only: no crash point in the engine there
            world.history.add(entry.onHost(world.host));
        }
    }

    @Override
    public List<HistoryEntry> last(int limit) {
        synchronized (world) {
            runner.check();
            return List.copyOf(world.history.subList(Math.max(0, world.history.size() - limit), world.history.size()));
        }
    }
}
