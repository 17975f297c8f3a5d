package dev.protostar.core.engine;

import dev.protostar.core.docker.ColorContainer;
import dev.protostar.core.docker.ColorContainers;
import dev.protostar.core.http.HttpProbe;
import dev.protostar.core.router.NetworkPath;
import dev.protostar.core.spec.AppSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Waits until a color answers its health check N times in a row, along the path nginx will use
 * (see {@link NetworkPath}), and, when the image has a Docker HEALTHCHECK, until Docker
 * also calls it healthy. Fails at the deadline, or at once if the container exits or Docker calls it unhealthy.
 */
final class HealthGate {
    /** How soon to look again while the app does not answer at all: a refused or dropped connection costs it nothing. */
    static final Duration NOT_ANSWERING_RETRY = Duration.ofMillis(20);
    /** How often a gate that still waits says so, with what it saw last: a starting app can take minutes. */
    static final Duration SAY_WAITING_EVERY = Duration.ofSeconds(5);
    private static final int BODY_SHOWN = 60;

    private final AppSpec spec;
    private final ColorContainers containers;
    private final Timeline timeline;
    private final NetworkPath path;
    private final Clock clock;
    /** What the last probe saw, in a few words: "last answer 503 {"status":"starting"}" or "no answer yet: connection refused". */
    private String seen = "no probe ran";
    /** What the user can do when the gate fails; a deploy's words unless the caller says otherwise. */
    private String nextStep = "Fix the app (its last log lines are below), then deploy again.";
    private Consumer<ColorContainers.Life> begun = life -> { };

    HealthGate(AppSpec spec, ColorContainers containers, Timeline timeline, NetworkPath path, Clock clock) {
        this.spec = spec;
        this.containers = containers;
        this.timeline = timeline;
        this.path = path;
        this.clock = clock;
        this.needed = spec.health().successes();
    }

    /**
     * Passing checks in a row that it takes: the spec's {@code health.successes}, or one for a {@link #warm} color.
     */
    private int needed;

    /**
     * For a color that has kept running since it passed its full gate when it booted (a rollback's target): one passing
     * check, and Docker's healthy status where the image has a HEALTHCHECK, show that it still serves. Its streak was
     * proven then; asking again would only add {@code (successes - 1) × interval} to the rollback.
     */
    HealthGate warm() {
        this.needed = 1;
        return this;
    }

    /** An answer of the container to the health check, taken just before the gate, that passes as its first probe. */
    private HttpProbe.Response answeredBefore;
    /** How the container ran when it gave that answer (read before it was asked). */
    private ColorContainers.Life answeredBy;

    /**
     * Takes {@code answer}, the container's answer to the health check a moment before (a switch asks its target while it
     * takes its lock), as the gate's first probe when it passes and the container still runs as it did then ({@code by}:
     * not restarted since); otherwise the gate probes as it would have.
     */
    HealthGate answered(HttpProbe.Response answer, ColorContainers.Life by) {
        this.answeredBefore = answer;
        this.answeredBy = by;
        return this;
    }

    /** Told how the container runs as the gate begins, before its first probe (a deploy writes its intent then). */
    HealthGate whenBegun(Consumer<ColorContainers.Life> begun) {
        this.begun = begun;
        return this;
    }

    /** The next step the failure names (a switch has nothing to deploy again). */
    HealthGate whenFailed(String step) {
        this.nextStep = step;
        return this;
    }

    /**
     * Returns once healthy, with how the container ran when the gate began (what a later crash check compares with);
     * otherwise throws {@link StepFailed} with the reason, logs and health log. A container that Docker restarted
     * while it was gated has not passed, however its probes went.
     */
    ColorContainers.Life await(ColorContainer booted, boolean imageHasHealthcheck) {
        ColorContainers.Life began = containers.life(booted.name()).orElseThrow(() -> fail(booted, "the container was removed"));
        begun.accept(began);
        if (answeredBefore != null && !began.equals(answeredBy)) {
            answeredBefore = null; // restarted since it answered: this run of it has not
        }
        AppSpec.Health h = spec.health();
        boolean useDocker = h.dockerHealthcheck() && imageHasHealthcheck;
        long waitStart = clock.nanoTime();
        long deadline = waitStart + h.deadline().toNanos();
        long saidWaiting = waitStart;
        int streak = 0;
        int probes = 0;
        boolean ownCheckPassed = false;
        CompletableFuture<Boolean> ownCheck = null;
        long containerChecked = 0;
        String last = "no probe ran";
        String url = "http://" + booted.endpoint();
        while (clock.nanoTime() < deadline) {
            long t0 = clock.nanoTime();
            if (t0 - saidWaiting >= SAY_WAITING_EVERY.toNanos()) {
                saidWaiting = t0;
                timeline.waiting((t0 - waitStart) / 1_000_000, seen + (streak > 0 ? " (" + streak + " passing in a row)" : ""));
            }
            probes++;
            HttpProbe.Response before = answeredBefore;
            answeredBefore = null;
            String failure = before != null && judged(before) == null ? null : probe(url);
            boolean answered = failure == null || !failure.startsWith(NO_ANSWER);
            if (failure == null) {
                streak++;
                Optional<String> docker = useDocker && (streak == 1 || streak >= needed) ? dockerVerdict(booted) : Optional.empty();
                if (docker.isPresent() && (docker.get().startsWith(DOCKER_UNHEALTHY) || docker.get().startsWith("exited"))) {
                    throw fail(booted, docker.get());
                }
                if (docker.isPresent() && !ownCheckPassed) {
                    // Docker runs the image's HEALTHCHECK only every --interval (Engine < 25 has no start interval), so
                    // the gate runs the same command itself; an exit 0 is what would make Docker call it healthy. It runs
                    // beside the rest of the streak (an exec takes a few round trips), and is waited for at its end.
                    if (ownCheck == null) {
                        ownCheck = beside(() -> ownHealthcheckPasses(booted));
                    }
                    if (streak >= needed || ownCheck.isDone()) {
                        ownCheckPassed = await(ownCheck);
                        ownCheck = null;
                    }
                }
                if (streak >= needed && (docker.isEmpty() || ownCheckPassed)) {
                    Optional<String> crashed = containers.crashSince(booted.name(), began);
                    if (crashed.isPresent()) {
                        throw fail(booted, "it " + crashed.get() + " while it was gated");
                    }
                    timeline.info(booted.name() + " passed " + (needed == 1 ? "a health check" : needed + " health checks in a row") + " on " + url + h.path()
                            + (useDocker ? docker.isEmpty() ? " and Docker's HEALTHCHECK reports it healthy"
                            : " and the image's HEALTHCHECK command passes in it" : "") + " (" + probes + (probes == 1 ? " probe" : " probes")
                            + (needed < h.successes() ? "; it was running, so one passing check is enough, not " + h.successes() + " in a row" : "")
                            + ")");
                    return began;
                }
                if (docker.isPresent()) {
                    last = docker.get();
                }
            } else {
                streak = 0;
                ownCheckPassed = false;
                ownCheck = null; // its verdict is about an answer before this failure; it ends on its own
                last = failure;
                if (!answered && t0 - containerChecked < h.interval().toNanos()) {
                    sleepRest(t0, min(h.interval(), NOT_ANSWERING_RETRY), deadline);
                    continue;
                }
                containerChecked = t0;
                Optional<ColorContainer> now = containers.named(spec, booted.name(), booted.color());
                if (now.isEmpty() || !now.get().running()) {
                    throw fail(booted, "the container stopped (" + now.map(ColorContainer::state).orElse("removed") + ")");
                }
                if (useDocker && "unhealthy".equals(now.get().health())) {
                    throw fail(booted, DOCKER_UNHEALTHY + " (the image's HEALTHCHECK fails in it; Docker's health log is below); last probe: "
                            + failure);
                }
            }
            sleepRest(t0, answered ? h.interval() : min(h.interval(), NOT_ANSWERING_RETRY), deadline);
        }
        throw fail(booted, "not healthy within " + h.deadline().toSeconds() + " s (needed "
                + (needed == 1 ? "a passing check" : needed + " passing checks in a row") + " on " + h.path() + "); last result: " + last);
    }

    /** Null when the probe passed, else why not. */
    private String probe(String url) {
        AppSpec.Health h = spec.health();
        try {
            return judged(path.get(url, h.path(), null, h.timeout()));
        } catch (IOException e) {
            seen = "no answer yet: " + e.getMessage();
            return NO_ANSWER + h.path() + " failed: " + e.getMessage();
        }
    }

    /** Null when the answer passes the health check, else why not. */
    private String judged(HttpProbe.Response r) {
        AppSpec.Health h = spec.health();
        seen = "last answer " + r.status() + (r.body() == null || r.body().isBlank() ? "" : " " + shortened(r.body()));
        if (r.status() != h.status()) {
            return "GET " + h.path() + " answered " + r.status() + ", expected " + h.status();
        }
        if (h.body() != null && !r.body().contains(h.body())) {
            return "GET " + h.path() + " answered " + r.status() + " but the body lacks \"" + h.body() + "\"";
        }
        return null;
    }

    private static final String NO_ANSWER = "no answer: GET ";
    private static final String DOCKER_UNHEALTHY = "Docker calls it unhealthy";

    /** The body on one line, cut to a few words: enough to tell "starting" from "ready". */
    static String shortened(String body) {
        String line = body.strip().replaceAll("[\\s\\p{Cntrl}]+", " ");
        return line.length() <= BODY_SHOWN ? line : line.substring(0, BODY_SHOWN) + "…";
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static CompletableFuture<Boolean> beside(java.util.function.Supplier<Boolean> check) {
        return CompletableFuture.supplyAsync(check, r -> {
            Thread t = new Thread(r, "protostar-healthcheck");
            t.setDaemon(true);
            t.start();
        });
    }

    private static boolean await(CompletableFuture<Boolean> check) {
        try {
            return check.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailed("stopped on request during the health gate; nothing was switched");
        } catch (ExecutionException e) {
            return false; // Docker's own verdict still decides
        }
    }

    private boolean ownHealthcheckPasses(ColorContainer booted) {
        try {
            return containers.runHealthcheck(booted.id(), spec.health().timeout()).orElse(-1) == 0;
        } catch (RuntimeException e) {
            return false; // Docker's own verdict still decides
        }
    }

    private Optional<String> dockerVerdict(ColorContainer booted) {
        Optional<ColorContainer> now = containers.named(spec, booted.name(), booted.color());
        if (now.isEmpty() || !now.get().running()) {
            return Optional.of("exited: the container stopped");
        }
        String health = now.get().health();
        if ("healthy".equals(health) || health == null) {
            return Optional.empty();
        }
        return Optional.of("unhealthy".equals(health) ? DOCKER_UNHEALTHY + " (the image's HEALTHCHECK fails in it; Docker's health log is below)"
                : health + ": waiting for Docker's HEALTHCHECK");
    }

    private void sleepRest(long t0, Duration interval, long deadline) {
        long wait = Math.min(t0 + interval.toNanos(), deadline) - clock.nanoTime();
        if (wait > 0) {
            try {
                clock.sleep(wait);
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
        String name = spec.containerName(booted.color());
        String who = booted.name().equals(name) ? name + " did not become healthy"
                : name + " did not become healthy (the new container, " + booted.name() + "; " + name + " itself is left as it was)";
        return new StepFailed(who + ": " + why + ". " + nextStep, detail.toString());
    }

    static String indent(String text) {
        return "    " + text.replace("\n", "\n    ");
    }
}
