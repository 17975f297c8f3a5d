package dev.protostar.core.engine.fake;

import dev.protostar.core.state.AppJournal;
import java.util.Optional;

/** The world's journal as one process sees it. */
public final class FakeJournal implements AppJournal {
    private final World world;
    private final Runner runner;

    public FakeJournal(World world, Runner runner) {
        this.world = world;
        this.runner = runner;
    }

    @Override
    public Optional<String> read() {
        synchronized (world) {
            runner.check();
            return world.journal.isEmpty() ? Optional.empty() : Optional.of(world.journal);
        }
    }

    @Override
    public void write(String intent) {
        synchronized (world) {
            runner.check();
            if (world.intentWritesFail && !intent.isEmpty()) {
                throw new IllegalStateException("the engine refused the copy");
            }
            world.journal = intent;
            if (!intent.isEmpty()) {
                world.intentsWritten++;
            }
        }
    }

    @Override
    public void clear() {
        write("");
    }
}
