package dev.protostar.core.engine.fake;

import dev.protostar.core.docker.ColorContainer;
import dev.protostar.core.docker.ColorContainers;
import dev.protostar.core.docker.DockerException;
import dev.protostar.core.docker.Labels;
import dev.protostar.core.spec.AppSpec;
import dev.protostar.core.spec.Color;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** The world's containers as one process sees them. */
public final class FakeContainers implements ColorContainers {
    private final World world;
    private final Runner runner;

    public FakeContainers(World world, Runner runner) {
        this.world = world;
        this.runner = runner;
    }

    @Override
    public Optional<ColorContainer> find(AppSpec spec, Color color) {
        return named(spec, spec.containerName(color), color);
    }

    @Override
    public Optional<ColorContainer> named(AppSpec spec, String name, Color color) {
        synchronized (world) {
            runner.check();
            return world.container(name).map(b -> b.view(color));
        }
    }

    @Override
    public ColorContainer boot(AppSpec spec, Color color, String name, String imageId, String imageName, Map<String, String> labels) {
        synchronized (world) {
            runner.check();
            remove(name);
            World.Image image = world.images.get(imageId);
            if (image == null) {
                throw new DockerException("no such image " + imageId, null);
            }
            return world.start(spec, color, name, image, labels.get(Labels.DEPLOY)).view(color);
        }
    }

    @Override
    public ColorContainer restart(AppSpec spec, ColorContainer c) {
        synchronized (world) {
            runner.check();
            Box b = world.byNameOrId(c.id());
            if (!b.running) {
                b.running = true;
                b.state = "running";
                b.startedAt = world.nextStart();
            }
            return find(spec, c.color()).orElseThrow();
        }
    }

    @Override
    public OptionalInt runHealthcheck(String id, Duration timeout) {
        return OptionalInt.empty();
    }

    @Override
    public void stop(String name, Duration timeout) {
        synchronized (world) {
            runner.check();
            Box b = world.byNameOrId(name);
            if (b != null && b.running) {
                world.stopping(b);
                b.exit(0);
            }
        }
    }

    @Override
    public Optional<Life> life(String name) {
        synchronized (world) {
            runner.check();
            return world.container(name).map(b -> new Life(b.restarts, b.startedAt));
        }
    }

    @Override
    public Optional<String> crashSince(String name, Life before) {
        synchronized (world) {
            runner.check();
            Box b = world.container(name).orElse(null);
            if (b == null) {
                return Optional.of("was removed");
            }
            if (!b.running) {
                return Optional.of("exited (code " + b.exitCode + ")");
            }
            int restarts = b.restarts - before.restarts();
            if (restarts > 0 || !b.startedAt.equals(before.startedAt())) {
                return Optional.of("exited and was restarted by Docker " + Math.max(1, restarts) + " time(s) (last exit code " + b.exitCode + ")");
            }
            return Optional.empty();
        }
    }

    @Override
    public void rename(String id, String newName) {
        synchronized (world) {
            runner.check();
            if (world.container(newName).isPresent()) {
                throw new DockerException("rename container: the name " + newName + " is already in use", null);
            }
            Box b = world.byNameOrId(id);
            if (b == null) {
                throw new DockerException("rename container: no such container " + id, null);
            }
            b.name = newName;
        }
    }

    @Override
    public void remove(String name) {
        synchronized (world) {
            runner.check();
            Box b = world.byNameOrId(name);
            if (b != null) {
                world.boxes.remove(b.id);
            }
        }
    }

    @Override
    public String tail(String name, int lines) {
        return "(log of " + name + ")";
    }

    @Override
    public String healthLog(String name) {
        synchronized (world) {
            return world.container(name).map(b -> b.healthLog).orElse("");
        }
    }

    @Override
    public List<String> namesLabelled(String app) {
        synchronized (world) {
            runner.check();
            return world.boxes.values().stream().filter(b -> b.app.equals(app)).map(b -> b.name).toList();
        }
    }
}
