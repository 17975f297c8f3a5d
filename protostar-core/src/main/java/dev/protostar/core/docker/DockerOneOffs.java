package dev.protostar.core.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.StreamType;
import dev.protostar.core.spec.AppSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** {@link OneOffs} on a Docker engine. */
public final class DockerOneOffs implements OneOffs {
    private static final Duration QUICK = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(250);
    /** How long the rest of the output may take to arrive once the container stopped. */
    private static final Duration OUTPUT_AFTER_EXIT = Duration.ofSeconds(5);

    private final Docker docker;

    public DockerOneOffs(Docker docker) {
        this.docker = docker;
    }

    @Override
    public String start(AppSpec spec, String name, String imageId, List<String> command, Map<String, String> env,
                        Map<String, String> labels) {
        if (!spec.deferred().isEmpty()) {
            throw new IllegalStateException("the spec's env values from the deploying machine were not read (DeployEnvironment.resolve)");
        }
        Exec.check(command);
        List<String> entries = new ArrayList<>();
        env.forEach((k, v) -> entries.add(k + "=" + v));
        Containers.checkCreate(name, entries, labels);
        for (String network : spec.container().networks()) {
            docker.requireNetwork(network);
        }
        // No port is published and Docker never restarts it: a restarted migration would run twice.
        HostConfig host = HostSettings.of(spec, ExposedPort.tcp(spec.port()), -1).withRestartPolicy(RestartPolicy.noRestart());
        String id = docker.call("create the one-off container " + name, QUICK, () -> {
            try {
                var cmd = docker.client().createContainerCmd(imageId)
                        .withName(name)
                        .withCmd(command)
                        .withEnv(entries)
                        .withLabels(labels)
                        .withHostConfig(host);
                if (spec.container().user() != null) {
                    cmd.withUser(spec.container().user());
                }
                return cmd.exec().getId();
            } catch (ConflictException e) {
                throw new DockerException("there is a container named " + name + " already: this hook was started for this change "
                        + "before, and it does not run twice", e);
            }
        });
        try {
            for (String network : spec.container().networks()) {
                docker.run("connect " + name + " to the network " + network, QUICK,
                        () -> docker.client().connectToNetworkCmd().withContainerId(id).withNetworkId(network).exec());
            }
            docker.run("start the one-off container " + name, QUICK, () -> docker.client().startContainerCmd(id).exec());
        } catch (DockerException e) {
            remove(id);
            throw e;
        }
        return id;
    }

    @Override
    public Ended await(String id, Duration timeout, Consumer<String> lines) {
        Lines out = new Lines(lines);
        Lines err = new Lines(lines);
        ResultCallback.Adapter<Frame> logs = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame f) {
                (f.getStreamType() == StreamType.STDERR ? err : out).add(f.getPayload());
            }
        };
        try {
            // From the container's start on, also what it printed before this call; follows until it stops.
            docker.run("read the output of " + id, QUICK, () -> docker.client().logContainerCmd(id)
                    .withStdOut(true).withStdErr(true).withFollowStream(true).exec(logs));
        } catch (DockerException e) {
            lines.accept("(its output cannot be read: " + e.getMessage() + ")");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                InspectContainerResponse.ContainerState state = state(id);
                if (state == null) {
                    finish(logs, out, err);
                    return new Ended(Ending.REMOVED, -1);
                }
                if (!Boolean.TRUE.equals(state.getRunning()) && !"created".equals(state.getStatus())) {
                    Long code = state.getExitCodeLong();
                    finish(logs, out, err);
                    return new Ended(Ending.EXITED, code == null ? -1 : code.intValue());
                }
                if (System.nanoTime() >= deadline) {
                    kill(id);
                    finish(logs, out, err);
                    return new Ended(Ending.TIMED_OUT, -1);
                }
                Thread.sleep(Math.max(1, Math.min(POLL.toMillis(), (deadline - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            dev.protostar.core.Uninterrupted.run(() -> {
                kill(id);
                finish(logs, out, err);
            });
            Thread.currentThread().interrupt();
            return new Ended(Ending.INTERRUPTED, -1);
        }
    }

    private InspectContainerResponse.ContainerState state(String id) {
        return docker.callThrough("inspect the one-off container " + id, QUICK, () -> {
            try {
                return docker.client().inspectContainerCmd(id).exec().getState();
            } catch (NotFoundException e) {
                return null;
            }
        });
    }

    private void kill(String id) {
        docker.callThrough("kill the one-off container " + id, QUICK, () -> {
            try {
                docker.client().killContainerCmd(id).exec();
            } catch (NotFoundException | ConflictException gone) {
                // gone, or not running any more
            }
            return null;
        });
    }

    private static void finish(ResultCallback.Adapter<Frame> logs, Lines out, Lines err) {
        try {
            logs.awaitCompletion(OUTPUT_AFTER_EXIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            logs.close();
        } catch (java.io.IOException ignored) {
            // what arrived is what there is
        }
        out.flush();
        err.flush();
    }

    @Override
    public void remove(String id) {
        docker.callThrough("remove the one-off container " + id, QUICK, () -> {
            try {
                docker.client().removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
            } catch (NotFoundException gone) {
                // nothing to remove
            } catch (ConflictException underWay) {
                // "removal already in progress"
            }
            return null;
        });
    }

    @Override
    public List<Left> left(String app) {
        return docker.call("list the one-off containers of " + app, QUICK, () -> docker.client().listContainersCmd()
                .withShowAll(true).withLabelFilter(Map.of(Labels.APP, app)).exec()).stream()
                .filter(c -> c.getLabels() != null && c.getLabels().containsKey(Labels.HOOK))
                .map(c -> new Left(c.getNames() == null || c.getNames().length == 0 ? c.getId() : c.getNames()[0].replaceFirst("^/", ""),
                        c.getLabels().get(Labels.HOOK), c.getLabels().get(Labels.DEPLOY), c.getState()))
                .toList();
    }
}
