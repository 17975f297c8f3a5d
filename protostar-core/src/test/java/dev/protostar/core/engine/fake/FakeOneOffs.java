package dev.protostar.core.engine.fake;

import dev.protostar.core.docker.DockerException;
import dev.protostar.core.docker.Labels;
import dev.protostar.core.docker.OneOffs;
import dev.protostar.core.spec.AppSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The world's one-off containers as one process sees them; a command's exit comes from {@link World#hookExits}. */
public final class FakeOneOffs implements OneOffs {
    private final World world;
    private final Runner runner;

    public FakeOneOffs(World world, Runner runner) {
        this.world = world;
        this.runner = runner;
    }

    @Override
    public String start(AppSpec spec, String name, String imageId, List<String> command, Map<String, String> env,
                        Map<String, String> labels) {
        synchronized (world) {
            runner.check();
            if (world.oneOffs.values().stream().anyMatch(o -> o.name.equals(name)) || world.container(name).isPresent()) {
                throw new DockerException("Conflict. The container name \"/" + name + "\" is already in use", null);
            }
            World.Image image = world.images.get(imageId);
            if (image == null) {
                throw new DockerException("no such image " + imageId, null);
            }
            String id = "oneoff-" + world.oneOffs.size() + "-" + name;
            World.OneOff o = new World.OneOff(id, name, image.name(), imageId, command, env, labels);
            world.oneOffs.put(id, o);
            world.started.add(o);
            return id;
        }
    }

    @Override
    public Ended await(String id, Duration timeout, Consumer<String> lines) {
        World.OneOff o;
        int exit;
        synchronized (world) {
            runner.check();
            o = world.oneOffs.get(id);
            exit = world.hookExits.apply(o.command);
        }
        lines.accept("ran " + String.join(" ", o.command));
        if (exit != 0) {
            lines.accept("something went wrong in " + o.command.get(0));
        }
        synchronized (world) {
            o.state = "exited";
        }
        if (Thread.currentThread().isInterrupted()) {
            return new Ended(Ending.INTERRUPTED, -1);
        }
        return exit < 0 ? new Ended(Ending.TIMED_OUT, -1) : new Ended(Ending.EXITED, exit);
    }

    @Override
    public void remove(String id) {
        synchronized (world) {
            runner.check();
            world.oneOffs.remove(id);
            world.oneOffs.values().removeIf(o -> o.name.equals(id));
        }
    }

    @Override
    public List<Left> left(String app) {
        synchronized (world) {
            runner.check();
            return world.oneOffs.values().stream().filter(o -> app.equals(o.labels.get(Labels.APP)))
                    .map(o -> new Left(o.name, o.labels.get(Labels.HOOK), o.labels.get(Labels.DEPLOY), o.state)).toList();
        }
    }
}
