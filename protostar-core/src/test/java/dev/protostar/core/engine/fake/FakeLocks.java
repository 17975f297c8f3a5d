package dev.protostar.core.engine.fake;

import dev.protostar.core.api.LockHolder;
import dev.protostar.core.state.AppLock;
import dev.protostar.core.state.AppLocks;
import dev.protostar.core.state.LockHeldException;
import dev.protostar.core.state.TakenOver;
import java.time.Duration;
import java.util.Optional;

/** The world's app lock as one process takes it: held while its holder lives and its lease runs; a dead holder's or a lapsed one is taken over. */
public final class FakeLocks implements AppLocks {
    private final World world;
    private final Runner runner;

    public FakeLocks(World world, Runner runner) {
        this.world = world;
        this.runner = runner;
    }

    @Override
    public AppLock take(String app, String owner, Duration lease) {
        return take(app, owner, lease, null);
    }

    @Override
    public AppLock take(String app, String owner, Duration lease, String command) {
        synchronized (world) {
            runner.check();
            World.Held before = world.lock;
            if (before != null && before.runner.alive() && !before.lapsed) {
                throw new LockHeldException(app, holder(before));
            }
            String from = before == null ? null
                    : before.owner + " (" + (before.lapsed ? "lease ended" : "its process on this machine is gone") + ")";
            World.Held mine = new World.Held(owner, runner, command);
            world.lock = mine;
            return new Lock(mine, from, before == null ? null : new TakenOver(before.owner, before.command));
        }
    }

    @Override
    public Optional<LockHolder> holder(String app) {
        synchronized (world) {
            return Optional.ofNullable(world.lock).map(FakeLocks::holder);
        }
    }

    private static LockHolder holder(World.Held h) {
        return new LockHolder(h.owner, "2026-01-01T00:00:00Z", "2026-01-01T00:02:00Z", "fake", 1, "token", null, null);
    }

    private final class Lock implements AppLock {
        private final World.Held held;
        private final String tookOverFrom;
        private final TakenOver takenOver;

        Lock(World.Held held, String tookOverFrom, TakenOver takenOver) {
            this.held = held;
            this.tookOverFrom = tookOverFrom;
            this.takenOver = takenOver;
        }

        @Override
        public TakenOver takenOver() {
            return takenOver;
        }

        @Override
        public boolean stillHeld() {
            synchronized (world) {
                runner.check();
                return world.lock == held && !held.lapsed;
            }
        }

        @Override
        public String tookOverFrom() {
            return tookOverFrom;
        }

        @Override
        public void close() {
            world.reachUnlocked("lock.releasing");
            synchronized (world) {
                runner.check();
                if (world.lock == held) {
                    world.lock = null;
                }
            }
        }
    }
}
