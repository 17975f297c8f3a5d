package dev.protostar.cli;

import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import dev.protostar.cli.demo.LocalNginx;
import dev.protostar.cli.demo.SampleApp;
import dev.protostar.core.api.DeployRequest;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.api.SwitchRequest;
import dev.protostar.core.docker.Docker;
import dev.protostar.core.docker.Labels;
import dev.protostar.core.engine.Engine;
import dev.protostar.core.http.HttpProbe;
import dev.protostar.core.state.EngineLock;
import dev.protostar.core.state.History;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One app under test: a unique name, its own nginx on a free 127.0.0.1 port, the sample app's
 * source, and a clean-up that removes every container and image carrying the app's label.
 */
public final class Fixture implements AutoCloseable {
    public static final String DOCKER = "unix:///var/run/docker.sock";

    public final String app;
    public final Path dir;
    public final Path source;
    public final Path spec;
    public final LocalNginx nginx;
    public final int port;
    public final Docker docker;

    private final boolean ownsNginx;

    public Fixture(Path tempDir, String extraSpec) throws IOException {
        this(tempDir, extraSpec, null, "t");
    }

    /** An app whose name starts with {@code prefix} (lower case), to tell its containers from other runs'. */
    public static Fixture named(String prefix, Path tempDir, String extraSpec) throws IOException {
        return new Fixture(tempDir, extraSpec, null, prefix);
    }

    private Fixture(Path tempDir, String extraSpec, LocalNginx shared, String prefix) throws IOException {
        this.app = prefix + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
        this.dir = tempDir;
        this.source = dir.resolve("app");
        this.spec = source.resolve("protostar.yml");
        this.ownsNginx = shared == null;
        this.port = freePort();
        this.nginx = shared == null ? new LocalNginx(dir.resolve("nginx"), port) : shared;
        this.docker = Docker.connect(DOCKER);
        SampleApp.write(source, "v1");
        String spec = SampleApp.spec(app, nginx, extraSpec == null ? "retire:\n  drain: 1s\n" : extraSpec);
        if (shared != null) {
            spec = spec.replace("listen: 127.0.0.1:" + shared.port(), "listen: 127.0.0.1:" + port);
        }
        Files.writeString(this.spec, spec);
        nginx.start();
    }

    /** Another app behind this fixture's nginx. */
    public Fixture sibling(Path tempDir) throws IOException {
        return new Fixture(tempDir, null, nginx, "t");
    }

    /** Another app behind this fixture's nginx, named like {@link #named}, with {@code extraSpec}. */
    public Fixture sibling(String prefix, Path tempDir, String extraSpec) throws IOException {
        return new Fixture(tempDir, extraSpec, nginx, prefix);
    }

    public DeployResult deploy(String version) throws IOException {
        SampleApp.setVersion(source, version);
        return Engine.deploy(new DeployRequest(spec.toString(), null, "test", version), EventListener.NONE);
    }

    public DeployResult switchTo(String to) {
        return Engine.switchTo(new SwitchRequest(spec.toString(), to, "test"), EventListener.NONE);
    }

    /** What nginx answers on / right now, e.g. "v1 blue". */
    public String answer() throws IOException {
        HttpProbe.Response r = HttpProbe.get(url(), "/", null, Duration.ofSeconds(5));
        return r.status() + " " + r.body().strip();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public List<Container> containers() {
        return docker.call("list", Duration.ofSeconds(30), () -> docker.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.APP, app)).exec());
    }

    public boolean running(String color) {
        return containers().stream().anyMatch(c -> c.getNames()[0].equals("/" + app + "-" + color) && "running".equals(c.getState()));
    }

    public boolean exists(String color) {
        return containers().stream().anyMatch(c -> c.getNames()[0].equals("/" + app + "-" + color));
    }

    /** What an operator does by hand: docker stop / docker rm of a color's container. */
    public void stopByHand(String color) {
        docker.run("stop", Duration.ofSeconds(30), () -> docker.client().stopContainerCmd(app + "-" + color).withTimeout(1).exec());
    }

    public void removeByHand(String color) {
        docker.run("rm", Duration.ofSeconds(30), () -> docker.client().removeContainerCmd(app + "-" + color).withForce(true).exec());
    }

    public Path include() {
        return nginx.includeDir().resolve("protostar-" + app + ".conf");
    }

    @Override
    public void close() {
        try {
            removeApp(docker, app);
        } finally {
            if (ownsNginx) {
                nginx.stop();
            }
            docker.close();
        }
    }

    /** Starts the deploys at the same moment, each on its own thread; their results in order (bounded: 3 min). */
    public static List<DeployResult> atOnce(DeployRequest... requests) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<DeployResult>> running = Arrays.stream(requests)
                .map(request -> CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return Engine.deploy(request, EventListener.NONE);
                }))
                .toList();
        go.countDown();
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
                .get(3, TimeUnit.MINUTES);
        return running.stream().map(CompletableFuture::join).toList();
    }

    /** Removes every container and image carrying the app's label, its history, and its lock if a test left one. */
    public static void removeApp(Docker docker, String app) {
        List<Container> containers = docker.call("list", Duration.ofSeconds(30), () -> docker.client().listContainersCmd()
                .withShowAll(true).withLabelFilter(Map.of(Labels.APP, app)).exec());
        for (Container c : containers) {
            // The engine's retire may be removing it at this moment (Docker: 409 "removal … already in progress"), or be done.
            docker.run("remove", Duration.ofSeconds(30), () -> {
                try {
                    docker.client().removeContainerCmd(c.getId()).withForce(true).exec();
                } catch (com.github.dockerjava.api.exception.NotFoundException gone) {
                    // removed meanwhile
                } catch (com.github.dockerjava.api.exception.ConflictException e) {
                    if (!String.valueOf(e.getMessage()).contains("already in progress")) {
                        throw e;
                    }
                }
            });
        }
        EngineLock.release(docker, app);
        History.erase(docker, app);
        List<Image> images = docker.call("images", Duration.ofSeconds(30), () -> docker.client().listImagesCmd()
                .withLabelFilter(Map.of(Labels.APP, app)).exec());
        for (Image i : images) {
            docker.run("remove image", Duration.ofSeconds(30), () -> docker.client().removeImageCmd(i.getId()).withForce(true).exec());
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
