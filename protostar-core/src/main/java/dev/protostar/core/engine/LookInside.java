package dev.protostar.core.engine;

import dev.protostar.core.Printable;
import dev.protostar.core.api.ContainerOutput;
import dev.protostar.core.api.DockerEndpoint;
import dev.protostar.core.api.ExecRequest;
import dev.protostar.core.api.ExecResult;
import dev.protostar.core.api.LogsRequest;
import dev.protostar.core.docker.ColorContainer;
import dev.protostar.core.docker.Containers;
import dev.protostar.core.docker.Docker;
import dev.protostar.core.docker.Exec;
import dev.protostar.core.docker.Logs;
import dev.protostar.core.router.Route;
import dev.protostar.core.router.Router;
import dev.protostar.core.router.Routers;
import dev.protostar.core.spec.AppSpec;
import dev.protostar.core.spec.Color;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Reads a color's container logs and runs commands in it: nothing here changes the app. */
final class LookInside {
    private static final List<String> COLORS = List.of("live", "previous", "blue", "green");

    private LookInside() {}

    /** Why {@code color} is not a color a command may name, or null. */
    static String colorProblem(String color) {
        return color == null || COLORS.contains(color) ? null
                : "color: \"" + Printable.of(color) + "\" is not a color: live, previous, blue or green";
    }

    static void logs(AppSpec spec, List<DockerEndpoint> hosts, LogsRequest request, ContainerOutput output) {
        if (request.tail() != null && request.tail() < 0) {
            throw new IllegalArgumentException("tail: " + request.tail() + " is not a number of lines (0 or more)");
        }
        List<Thread> followers = new ArrayList<>();
        AtomicReference<RuntimeException> failed = new AtomicReference<>();
        try {
            for (DockerEndpoint host : hosts) {
                Runnable read = () -> {
                    try (Docker docker = Docker.connect(host)) {
                        ColorContainer c = container(spec, docker, request.color(), hosts.size() > 1 ? host.host() + ": " : "");
                        Logs.read(docker, c.id(), request.follow(), request.since(), request.tail(),
                                (stderr, line) -> output.line(hosts.size() > 1 ? host.host() : null, stderr, line));
                    }
                };
                if (!request.follow() || hosts.size() == 1) {
                    read.run();
                    continue;
                }
                // Several hosts followed at once, each on its own thread, until each container stops or Ctrl-C.
                Thread t = new Thread(() -> {
                    try {
                        read.run();
                    } catch (RuntimeException e) {
                        failed.compareAndSet(null, e);
                    }
                }, "protostar-logs-" + host.host());
                t.setDaemon(true);
                followers.add(t);
                t.start();
            }
            for (Thread t : followers) {
                t.join();
            }
        } catch (InterruptedException e) {
            followers.forEach(Thread::interrupt);
            Thread.currentThread().interrupt();
        }
        if (failed.get() != null) {
            throw failed.get();
        }
    }

    static ExecResult exec(AppSpec spec, List<DockerEndpoint> hosts, ExecRequest request, ContainerOutput output) {
        DockerEndpoint host = hosts.get(0);
        try (Docker docker = Docker.connect(host)) {
            ColorContainer c = container(spec, docker, request.color(), "");
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int code = Exec.stream(docker, c.id(), request.command(), (stderr, bytes) -> {
                if (head.size() < 4096) {
                    head.write(bytes, 0, Math.min(bytes.length, 4096 - head.size()));
                }
                output.bytes(stderr, bytes);
            });
            String problem = null;
            String said = head.toString(StandardCharsets.UTF_8);
            // Docker runs the program itself (no shell): a missing one ends as 126/127 with runc's words in the output.
            if ((code == 126 || code == 127) && (said.contains("executable file not found") || said.contains("no such file or directory"))) {
                problem = "command: there is no program \"" + Printable.of(request.command().get(0)) + "\" in " + c.name()
                        + " (its PATH, or the path given); nothing was run";
            }
            return new ExecResult(spec.app(), c.color().word(), c.name(), host.host(), code, problem);
        }
    }

    /** The container of the color a command names, or an error that names the color and says why there is none. */
    private static ColorContainer container(AppSpec spec, Docker docker, String color, String prefix) {
        String asked = color == null ? "live" : color;
        Color chosen;
        if (asked.equals("live") || asked.equals("previous")) {
            Optional<Route> live;
            Router router = Routers.open(spec, docker);
            live = router.current(spec.app());
            if (live.isEmpty()) {
                throw new IllegalArgumentException(prefix + "color " + asked + ": nginx has no route for " + spec.app()
                        + " yet, so no color is live; deploy first, or name blue or green");
            }
            chosen = asked.equals("live") ? live.get().color() : live.get().color().other();
        } else {
            chosen = Color.parse(asked);
        }
        Containers containers = new Containers(docker, dev.protostar.core.docker.Reach.PUBLISHED_PORT);
        return containers.find(spec, chosen).orElseThrow(() -> new IllegalArgumentException(prefix + "color " + asked + ": there is no container "
                + spec.containerName(chosen) + " on " + docker.host()));
    }
}
