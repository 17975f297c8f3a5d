package dev.protostar.core.engine.fake;

import dev.protostar.core.docker.DockerException;
import dev.protostar.core.docker.ImageStore;
import dev.protostar.core.spec.AppSpec;
import java.time.Duration;
import dev.protostar.core.docker.RegistryAuth;
import dev.protostar.core.spec.ImageReference;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The world's images as one process sees them: a build makes one that behaves as the world's builds do. */
public final class FakeImages implements ImageStore {
    private final World world;
    private final Runner runner;

    public FakeImages(World world, Runner runner) {
        this.world = world;
        this.runner = runner;
    }

    @Override
    public Image build(AppSpec spec, String tag, Map<String, String> labels, Duration deadline, Consumer<String> log) {
        synchronized (world) {
            runner.check();
            String name = spec.image() + ":" + tag;
            world.image(name, world.builds);
            log.accept("built " + name);
            return resolve(name);
        }
    }

    @Override
    public Image resolve(String name) {
        return find(name).orElseThrow(() -> new DockerException("no image named " + name + " on " + world.host, null));
    }

    @Override
    public Optional<Image> find(String name) {
        synchronized (world) {
            runner.check();
            return world.images.values().stream()
                    .filter(i -> i.name().equals(name) || i.id().equals(name) || i.repoDigests().contains(name)).findFirst()
                    .map(i -> new Image(i.id(), name, false, i.repoDigests()));
        }
    }

    @Override
    public Image pull(ImageReference reference, RegistryAuth auth, Duration deadline, Consumer<String> log) {
        synchronized (world) {
            runner.check();
            if (world.registry == null) {
                throw new DockerException("cannot pull " + reference + " on " + world.host + ": no registry answers", null);
            }
            World.Image pulled = world.registry.pull(reference.toString(), world.host, auth.secret());
            World.Image had = world.images.get(pulled.id());
            world.images.put(pulled.id(), new World.Image(pulled.id(), reference.toString(), pulled.behaviour(), pulled.repoDigests()));
            if (had != null && !had.name().equals(reference.toString())) {
                log.accept("already had " + had.name());
            }
            return resolve(reference.toString());
        }
    }

    @Override
    public String push(String name, RegistryAuth auth, Duration deadline, Consumer<String> log) {
        synchronized (world) {
            runner.check();
            World.Image image = world.images.values().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
            String digest = world.registry.pushed(name, image.id(), image.behaviour());
            world.images.put(image.id(), new World.Image(image.id(), name, image.behaviour(), List.of(digest)));
            return digest.substring(digest.indexOf('@') + 1);
        }
    }

    @Override
    public void remove(String id) {
        synchronized (world) {
            runner.check();
            world.images.remove(id);
        }
    }

    @Override
    public int prune(String app, int keep) {
        return 0;
    }
}
