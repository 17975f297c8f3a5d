package dev.protostar.core.engine.fake;

import dev.protostar.core.docker.Reach;
import dev.protostar.core.router.Answer;
import dev.protostar.core.router.Fence;
import dev.protostar.core.router.NetworkPath;
import dev.protostar.core.router.Route;
import dev.protostar.core.router.Router;
import dev.protostar.core.router.RouterException;
import dev.protostar.core.spec.AppSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The world's nginx as one app's router: the change protocol of the nginx routers (settle what others left, fence,
 * pending record, include, test, reload, drop the record) on the world's include and served maps, with the same
 * crash points; answers come from the containers nginx serves.
 */
public final class FakeRouter implements Router {
    private final World world;
    private final Runner runner;
    private final String app;
    private Fence fence = Fence.NONE;
    private Consumer<String> notes = n -> {};

    public FakeRouter(World world, Runner runner, AppSpec spec) {
        this.world = world;
        this.runner = runner;
        this.app = spec.app();
    }

    @Override
    public Optional<Route> current(String app) {
        synchronized (world) {
            runner.check();
            return Optional.ofNullable(world.include.get(app));
        }
    }

    @Override
    public void apply(Route route) {
        change(route, false);
    }

    @Override
    public void restore(Optional<Route> previous) {
        change(previous.orElse(null), true);
    }

    @Override
    public void preview(Optional<Route> live, String endpoint) {
        throw new UnsupportedOperationException("the fake world's nginx has no preview route (the nginx routers' tests cover it)");
    }

    @Override
    public Optional<String> endPreview(Optional<Route> live) {
        return Optional.empty(); // never previews
    }

    @Override
    public Answer askPreview(String path, Duration timeout) {
        throw new UnsupportedOperationException("the fake world's nginx has no preview route");
    }

    @Override
    public void changeComing() {
        synchronized (world) {
            world.announced.add(app);
        }
    }

    @Override
    public void changeNotComing() {
        synchronized (world) {
            world.announced.remove(app);
        }
    }

    private void change(Route next, boolean completeIfCut) {
        String step = completeIfCut ? "switchback" : "switch";
        changeNotComing(); // as nginx's routers: queued, it is awaited no longer
        // What must be in place before the reload (a switch's intent, written beside the change) is waited for here, before
        // the world's monitor is taken: the intent is written under it too, and nginx's lock and the engine's are one here.
        String unready = fence.lostBeforeReload();
        synchronized (world) {
            runner.check();
            settleNow().forEach(notes);
            String lost = fence.lost();
            if (lost != null) {
                throw new RouterException.FencedOff(lost + "; nothing was changed on nginx");
            }
            Route previous = world.include.get(app);
            world.pending.put(app, new World.Pending(fence.who(), completeIfCut ? next : previous));
            world.reach(runner, step + ".recorded");
            put(app, next);
            world.reach(runner, step + ".renamed");
            String lostSince = unready != null ? unready : fence.lost(); // again right before the reload: a holder paused since its first check
            if (lostSince != null) {
                put(app, previous);
                world.pending.remove(app);
                throw new RouterException.FencedOff(lostSince + "; the include was put back and nothing was reloaded");
            }
            if (world.nginxRejects) {
                put(app, previous);
                world.pending.remove(app);
                throw new RouterException("nginx rejected the configuration, so nothing was switched and the previous include was put back");
            }
            world.reload();
            world.reach(runner, step + ".reloaded");
            world.pending.remove(app);
        }
    }

    private void put(String app, Route route) {
        if (route == null) {
            world.include.remove(app);
        } else {
            world.include.put(app, route);
        }
    }

    @Override
    public List<String> settle() {
        synchronized (world) {
            runner.check();
            return world.pending.containsKey(app) ? settleNow() : List.of(); // as nginx's routers: another app's alone waits
        }
    }

    private List<String> settleNow() {
        if (world.pending.isEmpty()) {
            return List.of();
        }
        List<String> done = new ArrayList<>();
        for (Map.Entry<String, World.Pending> e : world.pending.entrySet()) {
            put(e.getKey(), e.getValue().restore());
            done.add("a change of " + e.getKey() + " by " + e.getValue().who() + " did not finish: put back");
        }
        world.reload();
        world.reach(runner, "settle.reloaded");
        world.pending.clear();
        return done;
    }

    @Override
    public List<String> unfinished() {
        synchronized (world) {
            runner.check();
            return world.pending.keySet().stream().filter(app::equals).map(a -> "a change of " + a + " did not finish").toList();
        }
    }

    @Override
    public void fencedBy(Fence fence) {
        this.fence = fence;
    }

    @Override
    public void reportTo(Consumer<String> notes) {
        this.notes = notes;
    }

    @Override
    public Answer ask(String path, Duration timeout) {
        synchronized (world) {
            runner.check();
            return world.answer(app);
        }
    }

    @Override
    public List<Answer> askEach(String path, Duration timeout, int count) {
        List<Answer> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(ask(path, timeout));
        }
        return out;
    }

    @Override
    public String replyHint() {
        return "(fake nginx)";
    }

    @Override
    public String url() {
        return "http://fake-nginx";
    }

    @Override
    public String hostHeader() {
        return null;
    }

    @Override
    public Reach reach() {
        return Reach.PUBLISHED_PORT;
    }

    @Override
    public boolean probesAreSlow() {
        synchronized (world) {
            return world.probesAreSlow;
        }
    }

    @Override
    public NetworkPath path() {
        return new FakePath(world, runner);
    }

    @Override
    public boolean writtenAsIs(Route route) {
        synchronized (world) {
            return route.equals(world.include.get(app));
        }
    }

    @Override
    public String where() {
        return "the fake include of " + app;
    }
}
