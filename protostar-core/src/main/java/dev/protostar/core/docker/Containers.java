package dev.protostar.core.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.HealthStateLog;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import dev.protostar.core.Printable;
import dev.protostar.core.spec.AppSpec;
import dev.protostar.core.spec.Color;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/** The two color containers of an app: find, boot, stop, remove, and read their logs. */
public final class Containers implements ColorContainers {
    private static final Duration QUICK = Duration.ofSeconds(30);

    private final Docker docker;
    private final Reach reach;
    private final java.util.function.IntPredicate bindable;

    public Containers(Docker docker, Reach reach) {
        this(docker, reach, HostPorts::bindable);
    }

    /** @param bindable whether a port is free on this host's 127.0.0.1 right now (tests stand in a check that Docker overrules) */
    Containers(Docker docker, Reach reach, java.util.function.IntPredicate bindable) {
        this.docker = docker;
        this.reach = reach;
        this.bindable = bindable;
    }

    @Override
    public Optional<ColorContainer> find(AppSpec spec, Color color) {
        InspectContainerResponse c = inspect(spec.containerName(color));
        if (c == null) {
            return Optional.empty();
        }
        return Optional.of(toColorContainer(c, color, spec));
    }

    /** The container's inspection, or null when there is none of that name. */
    private InspectContainerResponse inspect(String name) {
        return docker.call("inspect container " + name, QUICK, () -> {
            try {
                return docker.client().inspectContainerCmd(name).exec();
            } catch (NotFoundException e) {
                return null;
            }
        });
    }

    private ColorContainer toColorContainer(InspectContainerResponse c, Color color, AppSpec spec) {
        InspectContainerResponse.ContainerState state = c.getState();
        boolean running = Boolean.TRUE.equals(state.getRunning());
        String health = state.getHealth() == null ? null : state.getHealth().getStatus();
        int port = publishedPort(c.getNetworkSettings() == null || c.getNetworkSettings().getPorts() == null ? null
                : c.getNetworkSettings().getPorts().getBindings());
        if (port == 0 && c.getHostConfig() != null && c.getHostConfig().getPortBindings() != null) {
            // a stopped container publishes nothing, but keeps the port it was created with
            port = publishedPort(c.getHostConfig().getPortBindings().getBindings());
        }
        Map<String, String> labels = c.getConfig().getLabels() == null ? Map.of() : c.getConfig().getLabels();
        String name = c.getName().startsWith("/") ? c.getName().substring(1) : c.getName();
        String endpoint = port > 0 ? "127.0.0.1:" + port : null;
        if (reach == Reach.APP_NETWORK) {
            String ip = running ? networkAddress(c, spec.network()) : null;
            endpoint = ip == null ? null : (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + spec.port();
        }
        return new ColorContainer(name, c.getId(), color, c.getImageId(), labels.getOrDefault(Labels.IMAGE, c.getConfig().getImage()),
                running, state.getStatus(), health, port, endpoint, labels.get(Labels.DEPLOY));
    }

    private static String networkAddress(InspectContainerResponse c, String network) {
        if (c.getNetworkSettings() == null || c.getNetworkSettings().getNetworks() == null) {
            return null;
        }
        var n = c.getNetworkSettings().getNetworks().get(network);
        if (n == null) {
            return null;
        }
        String ip = n.getIpAddress();
        return ip == null || ip.isEmpty() ? null : ip;
    }

    private static int publishedPort(Map<ExposedPort, Ports.Binding[]> bindings) {
        if (bindings == null) {
            return 0;
        }
        for (Ports.Binding[] list : bindings.values()) {
            if (list != null) {
                for (Ports.Binding b : list) {
                    if (b.getHostPortSpec() != null && b.getHostPortSpec().matches("\\d+")) {
                        return Integer.parseInt(b.getHostPortSpec());
                    }
                }
            }
        }
        return 0;
    }

    /**
     * Starts a container of {@code color} named {@code name} from {@code imageId}, replacing whatever container had
     * that name. With nginx on the host its port is published on 127.0.0.1 only: the lowest free one of
     * {@code router.ports}, else the port of the color's container it replaces where that is free, else any free one.
     */
    @Override
    public ColorContainer boot(AppSpec spec, Color color, String name, String imageId, String imageName, Map<String, String> extraLabels) {
        remove(name);
        if (!spec.deferred().isEmpty()) {
            throw new IllegalStateException("the spec's env values from the deploying machine were not read (DeployEnvironment.resolve)");
        }
        Map<String, String> labels = new LinkedHashMap<>(spec.container().labels());
        labels.putAll(extraLabels);
        labels.put(Labels.APP, spec.app());
        labels.put(Labels.COLOR, color.word());
        labels.put(Labels.IMAGE, imageName);
        List<String> env = new ArrayList<>();
        spec.env().forEach((k, v) -> env.add(k + "=" + v));
        env.add("PROTOSTAR_COLOR=" + color.word());
        if (reach == Reach.APP_NETWORK) {
            // With nginx in a container, nginx reaches the colors over the app's network: nothing is published.
            createAndStart(spec, name, imageId, imageName, env, labels, -1);
        } else {
            HostPorts ports = new HostPorts(docker, spec.router().ports(), spec.router().ports() == null ? Map.of() : ownedPorts(spec), bindable);
            boolean started = false;
            for (int port : ports.candidates(find(spec, color))) {
                try {
                    createAndStart(spec, name, imageId, imageName, env, labels, port);
                    started = true;
                    break;
                } catch (DockerException e) {
                    if (port <= 0 || !portTaken(e)) {
                        throw e;
                    }
                    remove(name);
                    ports.refused(port, e.getMessage());
                }
            }
            if (!started) {
                throw ports.exhausted(name);
            }
        }
        return named(spec, name, color).orElseThrow(() -> new DockerException("container " + name + " vanished right after it started", null));
    }

    private void createAndStart(AppSpec spec, String name, String imageId, String imageName, List<String> env,
                                Map<String, String> labels, int port) {
        String id = create(spec, name, imageId, imageName, env, labels, port);
        docker.run("start container " + name, QUICK, () -> docker.client().startContainerCmd(id).exec());
    }

    /** Each port a container of the app holds, running or stopped, with its name. */
    private Map<Integer, String> ownedPorts(AppSpec spec) {
        Map<Integer, String> owned = new java.util.TreeMap<>();
        for (String n : namesLabelled(spec.app())) {
            named(spec, n, Color.BLUE).filter(c -> c.hostPort() > 0).ifPresent(c -> owned.putIfAbsent(c.hostPort(), c.name()));
        }
        return owned;
    }

    private static boolean portTaken(DockerException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("allocated") || m.contains("address already in use");
    }

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private static final java.util.regex.Pattern ENV = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}=[^\\x00]{0,32768}",
            java.util.regex.Pattern.DOTALL);
    private static final java.util.regex.Pattern LABEL_KEY = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,199}");

    /**
     * What a container is created with goes to the engine as JSON, never through a shell or a command line,
     * so nothing in it can become a Docker argument. Checked once more here anyway (an {@link AppSpec} can also
     * be made in code): the name is a plain container name, each env entry NAME=value with a plain name and
     * no NUL, each label key plain and its value one printable line.
     */
    static void checkCreate(String name, List<String> env, Map<String, String> labels) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new DockerException("refusing to create a container named \"" + Printable.of(name) + "\"", null);
        }
        for (String e : env) {
            if (e == null || !ENV.matcher(e).matches()) {
                String key = e == null ? "null" : e.substring(0, Math.max(0, e.indexOf('=')));
                // The value may be a secret: only its name is shown.
                throw new DockerException("refusing to create " + name + " with the environment entry " + Printable.of(key)
                        + ": a name of letters, digits and '_', a value without NUL, at most 32768 characters", null);
            }
        }
        labels.forEach((k, v) -> {
            if (k == null || !LABEL_KEY.matcher(k).matches() || v == null || v.length() > 4096
                    || v.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new DockerException("refusing to create " + name + " with the label " + Printable.of(k)
                        + ": a plain key and a value of one line", null);
            }
        });
    }

    /**
     * Creates the container from the image's name, so that {@code docker ps} shows what it runs, but only while that name
     * still means {@code imageId}: a tag that moved meanwhile is not followed, the id is used instead. The container keeps
     * the image it was created from whatever the tag does later.
     */
    private String create(AppSpec spec, String name, String imageId, String imageName, List<String> env, Map<String, String> labels,
                          int hostPort) {
        boolean byName = imageName != null && !imageName.equals(imageId) && imageId.equals(imageIdOf(imageName));
        String id = createFrom(spec, name, byName ? imageName : imageId, env, labels, hostPort);
        if (byName && !imageId.equals(docker.call("inspect container " + name, QUICK,
                () -> docker.client().inspectContainerCmd(id).exec().getImageId()))) {
            remove(name); // the tag moved between the look and the create
            return createFrom(spec, name, imageId, env, labels, hostPort);
        }
        return id;
    }

    /** The id an image reference means on this engine now, or null. */
    private String imageIdOf(String reference) {
        return docker.call("inspect image " + reference, QUICK, () -> {
            try {
                return docker.client().inspectImageCmd(reference).exec().getId();
            } catch (NotFoundException e) {
                return null;
            }
        });
    }

    private String createFrom(AppSpec spec, String name, String image, List<String> env, Map<String, String> labels, int hostPort) {
        checkCreate(name, env, labels);
        for (String network : spec.container().networks()) {
            docker.requireNetwork(network);
        }
        ExposedPort exposed = ExposedPort.tcp(spec.port());
        HostConfig host = HostSettings.of(spec, exposed, hostPort);
        String id = docker.call("create container " + name, QUICK, () -> {
            var cmd = docker.client().createContainerCmd(image)
                    .withName(name)
                    .withEnv(env)
                    .withLabels(labels)
                    .withExposedPorts(exposed)
                    .withStopSignal(spec.retire().stopSignal())
                    .withStopTimeout((int) spec.retire().stopTimeout().toSeconds())
                    .withHostConfig(host);
            if (spec.container().user() != null) {
                cmd.withUser(spec.container().user());
            }
            return cmd.exec().getId();
        });
        // Docker creates a container on one network; the others are joined before it starts.
        for (String network : spec.container().networks()) {
            try {
                docker.run("connect " + name + " to the network " + network, QUICK,
                        () -> docker.client().connectToNetworkCmd().withContainerId(id).withNetworkId(network).exec());
            } catch (DockerException e) {
                remove(name);
                throw new DockerException("container.networks: cannot join the network " + network + " (create it with docker network "
                        + "create " + network + "): " + e.getMessage(), e);
            }
        }
        return id;
    }

    /** Starts an existing stopped container again (rollback to a stopped previous color). */
    @Override
    public ColorContainer restart(AppSpec spec, ColorContainer c) {
        docker.run("start container " + c.name(), QUICK, () -> {
            try {
                docker.client().startContainerCmd(c.id()).exec();
            } catch (NotModifiedException alreadyRunning) {
                // fine: it runs
            }
        });
        return find(spec, c.color()).orElseThrow(() -> new DockerException("container " + c.name() + " vanished right after it started", null));
    }

    /**
     * Runs the container's own HEALTHCHECK command in it now, as Docker would on its next tick: its exit
     * code (-1 past {@code timeout}), or empty when the container has no HEALTHCHECK.
     */
    @Override
    public OptionalInt runHealthcheck(String id, Duration timeout) {
        return docker.call("run the HEALTHCHECK of " + id, timeout.plus(QUICK), () -> {
            var check = docker.client().inspectContainerCmd(id).exec().getConfig().getHealthcheck();
            List<String> test = check == null ? null : check.getTest();
            if (test == null || test.isEmpty() || test.get(0).equals("NONE") || test.size() < 2) {
                return OptionalInt.empty();
            }
            List<String> argv = test.get(0).equals("CMD-SHELL") ? List.of("/bin/sh", "-c", test.get(1)) : test.subList(1, test.size());
            String exec = docker.client().execCreateCmd(id).withCmd(argv.toArray(String[]::new))
                    .withAttachStdout(true).withAttachStderr(true).exec().getId();
            try (ResultCallback.Adapter<Frame> cb = docker.client().execStartCmd(exec).exec(new ResultCallback.Adapter<>())) {
                if (!cb.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    return OptionalInt.of(-1);
                }
            }
            Long code = docker.client().inspectExecCmd(exec).exec().getExitCodeLong();
            return OptionalInt.of(code == null ? -1 : code.intValue());
        });
    }

    /** Stops gracefully: the container's stop signal, then SIGKILL after {@code timeout}. */
    @Override
    public void stop(String name, Duration timeout) {
        docker.run("stop container " + name, timeout.plus(QUICK), () -> {
            try {
                docker.client().stopContainerCmd(name).withTimeout((int) timeout.toSeconds()).exec();
            } catch (NotModifiedException | NotFoundException alreadyStopped) {
                // nothing to stop
            }
        });
    }

    @Override
    public Optional<Life> life(String name) {
        InspectContainerResponse c = inspect(name);
        return c == null ? Optional.empty() : Optional.of(new Life(restarts(c), c.getState().getStartedAt()));
    }

    /**
     * How a container that was running as {@code before} says stopped since, or was restarted by Docker (it
     * crashed); empty when it runs as it did then.
     */
    @Override
    public Optional<String> crashSince(String name, Life before) {
        InspectContainerResponse c = inspect(name);
        if (c == null) {
            return Optional.of("was removed");
        }
        InspectContainerResponse.ContainerState st = c.getState();
        Long code = st.getExitCodeLong();
        if (Boolean.TRUE.equals(st.getRestarting())) {
            return Optional.of("is restarting (it exited with code " + code + ")");
        }
        if (!Boolean.TRUE.equals(st.getRunning())) {
            return Optional.of("exited (code " + code + ")");
        }
        int restarts = restarts(c) - before.restarts();
        if (restarts > 0 || !java.util.Objects.equals(st.getStartedAt(), before.startedAt())) {
            return Optional.of("exited and was restarted by Docker " + Math.max(1, restarts) + " time(s) (last exit code " + code + ")");
        }
        return Optional.empty();
    }

    private static int restarts(InspectContainerResponse c) {
        return c.getRestartCount() == null ? 0 : c.getRestartCount();
    }

    /** A container of the app by its exact name (one set aside under another name), as {@code color}'s. */
    @Override
    public Optional<ColorContainer> named(AppSpec spec, String name, Color color) {
        InspectContainerResponse c = inspect(name);
        return c == null ? Optional.empty() : Optional.of(toColorContainer(c, color, spec));
    }

    /** Gives a container another name (what nginx routes to, an address, stays the same). */
    @Override
    public void rename(String id, String newName) {
        docker.run("rename container " + id.substring(0, Math.min(12, id.length())) + " to " + newName, QUICK,
                () -> docker.client().renameContainerCmd(id).withName(newName).exec());
    }

    @Override
    public void remove(String name) {
        docker.run("remove container " + name, QUICK, () -> {
            try {
                docker.client().removeContainerCmd(name).withForce(true).withRemoveVolumes(true).exec();
            } catch (NotFoundException gone) {
                // nothing to remove
            }
        });
    }

    /** The last {@code lines} lines of the container's output, for error messages. */
    @Override
    public String tail(String name, int lines) {
        StringBuilder out = new StringBuilder();
        try {
            docker.run("read logs of " + name, Duration.ofSeconds(10), () -> {
                try (ResultCallback.Adapter<Frame> cb = docker.client().logContainerCmd(name)
                        .withStdOut(true).withStdErr(true).withTail(lines)
                        .exec(new ResultCallback.Adapter<>() {
                            @Override
                            public void onNext(Frame frame) {
                                out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                            }
                        })) {
                    cb.awaitCompletion(8, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (java.io.IOException ignored) {
                    // what was read is what we have
                }
            });
        } catch (DockerException e) {
            return "(logs unavailable: " + e.getMessage() + ")";
        }
        return out.toString().strip();
    }

    /** Docker's last health-check outputs, newest last, or an empty string when there is no HEALTHCHECK. */
    @Override
    public String healthLog(String name) {
        InspectContainerResponse c = docker.call("inspect container " + name, QUICK, () -> {
            try {
                return docker.client().inspectContainerCmd(name).exec();
            } catch (NotFoundException e) {
                return null;
            }
        });
        if (c == null || c.getState().getHealth() == null || c.getState().getHealth().getLog() == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        List<HealthStateLog> log = c.getState().getHealth().getLog();
        for (HealthStateLog entry : log.subList(Math.max(0, log.size() - 3), log.size())) {
            sb.append("exit ").append(entry.getExitCodeLong()).append(": ")
                    .append(entry.getOutput() == null ? "" : entry.getOutput().strip()).append('\n');
        }
        return sb.toString().strip();
    }

    /**
     * Names of every container, running or not, that carries the app's and a color's label (a one-off
     * container run from an app image inherits only the app label, and is not counted).
     */
    @Override
    public List<String> namesLabelled(String app) {
        return docker.call("list containers of " + app, QUICK, () -> docker.client().listContainersCmd()
                .withShowAll(true).withLabelFilter(Map.of(Labels.APP, app)).exec()).stream()
                .filter(c -> c.getLabels() != null && c.getLabels().containsKey(Labels.COLOR))
                .map(c -> c.getNames() == null || c.getNames().length == 0 ? c.getId() : c.getNames()[0].replaceFirst("^/", ""))
                .toList();
    }
}
