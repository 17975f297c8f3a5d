package dev.protostar.core.engine;

import dev.protostar.core.docker.ColorContainer;
import dev.protostar.core.docker.Containers;
import dev.protostar.core.http.HttpProbe;
import dev.protostar.core.spec.AppSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Waits until a color answers its health check N times in a row, along the path nginx will use
 * (the port published on 127.0.0.1), and, when the image has a Docker HEALTHCHECK, until Docker
 * also calls it healthy. Fails at the deadline, or at once if the container exits or Docker calls it unhealthy.
 */
final class HealthGate {
    private final AppSpec spec;
    private final Containers containers;
    private final Timeline timeline;

    HealthGate(AppSpec spec, Containers containers, Timeline timeline) {
        this.spec = spec;
        this.containers = containers;
        this.timeline = timeline;
    }

    /** Returns normally once healthy; otherwise throws {@link StepFailed} with the reason, logs and health log. */
    void await(ColorContainer booted, boolean imageHasHealthcheck) {
        AppSpec.Health h = spec.health();
        boolean useDocker = h.dockerHealthcheck() && imageHasHealthcheck;
        long deadline = System.nanoTime() + h.deadline().toNanos();
        int streak = 0;
        int probes = 0;
        String last = "no probe ran";
        String url = "http://" + booted.endpoint();
        while (System.nanoTime() < deadline) {
            long t0 = System.nanoTime();
            probes++;
            String failure = probe(url);
            if (failure == null) {
                streak++;
                if (streak >= h.successes()) {
                    Optional<String> docker = useDocker ? dockerVerdict(booted) : Optional.empty();
                    if (docker.isEmpty()) {
                        timeline.info(booted.name() + " passed " + h.successes() + " health checks in a row on " + url + h.path()
                                + (useDocker ? " and Docker's HEALTHCHECK reports it healthy" : "") + " (" + probes + " probes)");
                        return;
                    }
                    last = docker.get();
                    if (last.startsWith("unhealthy") || last.startsWith("exited")) {
                        throw fail(booted, last);
                    }
                }
            } else {
                streak = 0;
                last = failure;
                Optional<ColorContainer> now = containers.find(spec, booted.color());
                if (now.isEmpty() || !now.get().running()) {
                    throw fail(booted, "the container stopped (" + now.map(ColorContainer::state).orElse("removed") + ")");
                }
                if (useDocker && "unhealthy".equals(now.get().health())) {
                    throw fail(booted, "Docker's HEALTHCHECK reports it unhealthy; last probe: " + failure);
                }
            }
            sleepRest(t0, h.interval(), deadline);
        }
        throw fail(booted, "not healthy within " + h.deadline().toSeconds() + " s (needed " + h.successes()
                + " passing checks in a row on " + h.path() + "); last result: " + last);
    }

    /** Null when the probe passed, else why not. */
    private String probe(String url) {
        AppSpec.Health h = spec.health();
        try {
            HttpProbe.Response r = HttpProbe.get(url, h.path(), null, h.timeout());
            if (r.status() != h.status()) {
                return "GET " + h.path() + " answered " + r.status() + ", expected " + h.status();
            }
            if (h.body() != null && !r.body().contains(h.body())) {
                return "GET " + h.path() + " answered " + r.status() + " but the body lacks \"" + h.body() + "\"";
            }
            return null;
        } catch (IOException e) {
            return "GET " + h.path() + " failed: " + e.getMessage();
        }
    }

    private Optional<String> dockerVerdict(ColorContainer booted) {
        Optional<ColorContainer> now = containers.find(spec, booted.color());
        if (now.isEmpty() || !now.get().running()) {
            return Optional.of("exited: the container stopped");
        }
        String health = now.get().health();
        if ("healthy".equals(health) || health == null) {
            return Optional.empty();
        }
        return Optional.of(health + ": waiting for Docker's HEALTHCHECK");
    }

    private static void sleepRest(long t0, Duration interval, long deadline) {
        long wait = Math.min(t0 + interval.toNanos(), deadline) - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StepFailed("stopped on request during the health gate; nothing was switched");
            }
        }
    }

    private StepFailed fail(ColorContainer booted, String why) {
        String logs = containers.tail(booted.name(), 20);
        String healthLog = containers.healthLog(booted.name());
        StringBuilder detail = new StringBuilder("  last log lines of ").append(booted.name()).append(":\n");
        detail.append(logs.isEmpty() ? "    (none)" : indent(logs));
        if (!healthLog.isEmpty()) {
            detail.append("\n  Docker health log:\n").append(indent(healthLog));
        }
        return new StepFailed(booted.name() + " did not become healthy: " + why + ".", detail.toString());
    }

    static String indent(String text) {
        return "    " + text.replace("\n", "\n    ");
    }
}
