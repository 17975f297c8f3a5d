package dev.protostar.bench;

import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import dev.protostar.cli.demo.LocalNginx;
import dev.protostar.cli.demo.Prerequisites;
import dev.protostar.core.docker.Containers;
import dev.protostar.core.docker.Docker;
import dev.protostar.core.docker.Labels;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The cutover benchmark: K cutovers and K rollbacks with Protostar's engine, then the same with the
 * hand-written baseline, each under the same bounded two-client load through one nginx of its own;
 * writes a Markdown report and a chart.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Cutovers and rollbacks under load: Protostar's engine against a hand-written baseline.")
public final class Bench implements Callable<Integer> {
    static final String DOCKER = "unix:///var/run/docker.sock";
    static final String BENCH_LABEL = "dev.protostar.bench";

    @Option(names = "--cutovers", defaultValue = "50", description = "K: cutovers, and as many rollbacks, per side (default: ${DEFAULT-VALUE})")
    int cutovers;

    @Option(names = "--start-delay", defaultValue = "0.5", description = "the sample app's start-up delay in seconds (default: ${DEFAULT-VALUE})")
    String startDelay;

    @Option(names = "--healthcheck", defaultValue = "1s", description = "the sample image's Docker HEALTHCHECK interval (e.g. 2s, as "
            + "real images have it), or off; the default is the demo image's own 1 s, which earlier reports measured (default: ${DEFAULT-VALUE})")
    String healthcheck;

    @Option(names = "--pace", defaultValue = "10", description = "ms between requests on / per client kind (default: ${DEFAULT-VALUE})")
    int paceMillis;

    @Option(names = "--pause", defaultValue = "1000", description = "ms of plain load between actions (default: ${DEFAULT-VALUE})")
    int pauseMillis;

    @Option(names = "--poll", defaultValue = "1", description = "the baseline's fixed sleep between health polls, seconds (default: ${DEFAULT-VALUE})")
    String poll;

    @Option(names = "--heap", defaultValue = "64m", description = "-Xmx of the engine's JVM (default: ${DEFAULT-VALUE})")
    String heap;

    @Option(names = "--out", defaultValue = "docs/benchmark", description = "where the report and chart go (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--sides", split = ",", defaultValue = "protostar,baseline", description = "which sides to run, of protostar (the engine "
            + "in one JVM), command (the protostar command, a process per action), command-cds (the same with a class-data archive), "
            + "command-resident (the same, handed by a front to a resident engine, PROTOSTAR_RESIDENT=on: bin/protostar-front where "
            + "perl is, as bin/protostar does, else the Java front), "
            + "baseline, and reload (no deploy: each action is a plain nginx -s reload) (default: ${DEFAULT-VALUE})")
    List<String> sides;

    @Option(names = "--no-retry", description = "add a third client: one HTTP/1.1 keep-alive connection that never retries, paced on /, "
            + "counted apart (closed while idle, closed before an answer, reset); on whenever --sides has reload")
    boolean noRetry;

    @Option(names = "--apps", defaultValue = "1", description = "N: the command sides deploy N sample apps at once through the one nginx "
            + "(each its own name, include and listen port; the load goes to the first), each action one command per app started together, "
            + "each one's wall time recorded; with N > 1 each command side runs first with one app (the solo pass of the same run) "
            + "(default: ${DEFAULT-VALUE})")
    int apps;

    @Option(names = "--router", defaultValue = "host", description = "where the benchmark's nginx runs: host (its own prefix, "
            + "127.0.0.1 only) or container (router.kind nginx-container: an image built here from this machine's nginx, never pulled, "
            + "its app ports published on 127.0.0.1; not with the baseline) (default: ${DEFAULT-VALUE})")
    String router;

    @Option(names = "--max-minutes", defaultValue = "30", description = "hard limit on each side's load (default: ${DEFAULT-VALUE})")
    int maxMinutes;

    @Option(names = "--trace", description = "print the engine's events as they happen")
    boolean trace;

    @Option(names = "--command-log", description = "append every line the command sides' commands print to this file, each "
            + "after the time in ms since the epoch, the side and the app: where each command's time went, next to the others' "
            + "(several apps at once)")
    Path commandLog;

    private final List<String> args;

    Bench(List<String> args) {
        this.args = args;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench(List.of(args))).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<String> missing = Prerequisites.check(DOCKER);
        if (!missing.isEmpty()) {
            missing.forEach(m -> System.out.println("missing: " + m));
            return 3;
        }
        String run = Long.toString(ThreadLocalRandom.current().nextLong(1L << 30, 1L << 31), 36);
        Path work = Files.createTempDirectory("protostar-bench-");
        String startedAt = java.time.Instant.now().toString();
        String loadBefore = Environment.loadAverage();
        List<Figures> results = new ArrayList<>();
        String heapLine = null;
        try (Docker docker = Docker.connect(DOCKER)) {
            Containers containers = new Containers(docker, dev.protostar.core.docker.Reach.PUBLISHED_PORT);
            BenchNginx nginx = null;
            try {
                if (apps < 1 || apps > 9) {
                    throw new IllegalArgumentException("--apps: 1 to 9, not " + apps);
                }
                if (router.equals("container")) {
                    if (sides.contains("baseline")) {
                        throw new IllegalArgumentException("--router container: the baseline script drives nginx on the host; leave it out of --sides");
                    }
                    ContainerNginx c = new ContainerNginx(run, BENCH_LABEL + "=" + run);
                    nginx = c;
                    c.start(work);
                } else if (router.equals("host")) {
                    LocalNginx local = new LocalNginx(work.resolve("nginx"), freePort());
                    nginx = new HostNginx(local);
                    local.start();
                } else {
                    throw new IllegalArgumentException("--router: host or container, not " + router);
                }
                System.out.println(nginx.describe());
                List<String> passes = new ArrayList<>();
                for (String name : sides) {
                    if (name.startsWith("command") && apps > 1) {
                        passes.add(name + "@1"); // the solo pass, then all apps at once
                    }
                    passes.add(name);
                }
                for (String pass : passes) {
                    String name = pass.replace("@1", "");
                    int n = pass.endsWith("@1") ? 1 : apps;
                    Side side = switch (name) {
                        case "protostar" -> new EngineSide(Files.createDirectories(work.resolve("protostar")), "bench" + run, nginx,
                                startDelay, healthcheck, heap, containers);
                        // apps of their own, removed with the engine side's by the app label's prefix
                        case "command", "command-cds" -> new CommandSide(Files.createDirectories(work.resolve(name + "-" + n)),
                                (name.equals("command") ? (n == 1 ? "benchc" : "benchm") : (n == 1 ? "benchd" : "benchn")) + run, n, nginx,
                                startDelay, healthcheck, name.equals("command-cds"), containers);
                        case "command-resident" -> new CommandSide(Files.createDirectories(work.resolve(name + "-" + n)),
                                (n == 1 ? "benchq" : "benchp") + run, n, nginx, startDelay, healthcheck, true, true, containers);
                        case "baseline" -> new BaselineSide(Files.createDirectories(work.resolve("baseline")), "base" + run,
                                BENCH_LABEL + "=" + run, ((HostNginx) nginx).nginx, freePort(), freePort(), freePort(), startDelay,
                                healthcheck, poll, containers);
                        // the app behind the reloads: the script's on the host, the command's (one app) in a container
                        case "reload" -> new ReloadSide(nginx instanceof HostNginx h
                                ? new BaselineSide(Files.createDirectories(work.resolve("reload")), "reload" + run, BENCH_LABEL + "=" + run,
                                        h.nginx, freePort(), freePort(), freePort(), startDelay, healthcheck, poll, containers)
                                : new CommandSide(Files.createDirectories(work.resolve("reload")), "benchr" + run, 1, nginx, startDelay,
                                        healthcheck, false, containers), nginx);
                        default -> throw new IllegalArgumentException("--sides: no side " + name
                                + " (protostar, command, command-cds, command-resident, baseline, reload)");
                    };
                    if (side instanceof EngineSide e) {
                        e.trace = trace;
                    }
                    if (side instanceof CommandSide c) {
                        c.log = commandLog;
                    }
                    results.add(runSide(side));
                    if (side instanceof EngineSide e && e.heapFigures() != null) {
                        heapLine = e.heapFigures();
                    }
                }
            } finally {
                if (nginx != null) {
                    nginx.close();
                }
                cleanUp(docker, "bench" + run, run);
                cleanUp(docker, "benchr" + run, run);
                for (String prefix : List.of("benchc", "benchd", "benchm", "benchn", "benchq", "benchp")) {
                    for (int i = 1; i <= Math.max(1, Math.min(apps, 9)); i++) {
                        cleanUp(docker, CommandSide.appName(prefix + run, i), run);
                    }
                }
                if (nginx instanceof ContainerNginx c) {
                    c.removeNetwork();
                }
                deleteTree(work);
            }
        }
        Files.createDirectories(out);
        String command = "bin/bench" + (args.isEmpty() ? "" : " " + String.join(" ", args));
        Report report = new Report(command, startedAt, loadBefore, Environment.loadAverage(), this, results, heapLine);
        Files.writeString(out.resolve("report.md"), report.markdown());
        Files.writeString(out.resolve("actions.csv"), report.actionsCsv());
        if (report.noRetryCsv() != null) {
            Files.writeString(out.resolve("no-retry.csv"), report.noRetryCsv());
        }
        Chart chart = new Chart(results);
        chart.write(out.resolve("requests.png"), out.resolve("requests.svg"));
        chart.writeAligned(out.resolve("switches.png"), out.resolve("switches.svg"));
        System.out.println(report.summary());
        System.out.println("wrote report.md, actions.csv, requests.png/.svg and switches.png/.svg in " + out);
        return results.stream().allMatch(f -> f.failedActions() == 0) ? 0 : 1;
    }

    private Figures runSide(Side side) throws Exception {
        System.out.println("\n== " + side.name() + ": " + cutovers + " cutovers and " + cutovers + " rollbacks");
        List<Action> actions = new ArrayList<>();
        Recorder recorder = new Recorder();
        Recorder noRetryRecorder = noRetry || sides.contains("reload") ? new Recorder() : null;
        long begin;
        long end;
        try (side) {
            side.setUp();
            awaitAnswer(side.url());
            begin = Clock.micros();
            try (Load load = new Load(side.url(), recorder, noRetryRecorder, Duration.ofMillis(paceMillis), 1_000_000, Duration.ofMinutes(maxMinutes))) {
                Thread.sleep(3 * pauseMillis);
                for (int i = 1; i <= cutovers; i++) {
                    actions.add(report(side.cutover(i)));
                    Thread.sleep(pauseMillis);
                    actions.add(report(side.rollback(i)));
                    Thread.sleep(pauseMillis);
                }
                Thread.sleep(pauseMillis);
            }
            end = Clock.micros();
        }
        return new Figures(side.name(), recorder.byStart(), noRetryRecorder == null ? List.of() : noRetryRecorder.byStart(), actions,
                begin, end);
    }

    /**
     * Waits (at most 10 s) until nginx answers 2xx at the side's URL: {@code nginx -s reload} returns once it has signalled
     * the master, before new workers listen on a port the set-up just added (the script's and the reload side's set-up).
     */
    private static void awaitAnswer(String url) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                int status = dev.protostar.core.http.HttpProbe.get(url, "/", null, Duration.ofSeconds(2)).status();
                if (status >= 200 && status < 300) {
                    return;
                }
            } catch (Exception e) {
                // not yet
            }
            Thread.sleep(20);
        }
        System.out.println("warning: " + url + " did not answer 2xx within 10 s of the set-up; the load starts anyway");
    }

    private static Action report(Action a) {
        System.out.printf("%-8s %3d %s → %s in %.0f ms%s%n", a.kind(), a.index(), a.from(), a.to(), Clock.ms(a.wallMicros()),
                a.ok() ? "" : " FAILED: " + a.error());
        return a;
    }

    /** Removes the containers, images and history this run made: the engine's by its app label, the baseline's by the run's label. */
    private static void cleanUp(Docker docker, String app, String run) {
        try {
            dev.protostar.core.state.History.erase(docker, app);
        } catch (RuntimeException e) {
            System.out.println("clean-up of the history of " + app + " failed: " + e.getMessage());
        }
        for (Map<String, String> label : List.of(Map.of(Labels.APP, app), Map.of(BENCH_LABEL, run))) {
            try {
                List<Container> cs = docker.call("list", Duration.ofSeconds(30), () -> docker.client().listContainersCmd().withShowAll(true)
                        .withLabelFilter(label).exec());
                for (Container c : cs) {
                    docker.run("remove", Duration.ofSeconds(30), () -> docker.client().removeContainerCmd(c.getId()).withForce(true).exec());
                }
                List<Image> images = docker.call("images", Duration.ofSeconds(30), () -> docker.client().listImagesCmd()
                        .withLabelFilter(label).exec());
                for (Image i : images) {
                    docker.run("remove image", Duration.ofSeconds(30), () -> docker.client().removeImageCmd(i.getId()).withForce(true).exec());
                }
            } catch (RuntimeException e) {
                System.out.println("clean-up of " + label + " failed: " + e.getMessage());
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.out.println("could not remove " + dir + ": " + e.getMessage());
        }
    }

    /** Ports handed out in this run: the kernel may give a closed one again, and nginx's container publishes them all at once. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static int freePort() throws IOException {
        for (int tries = 0; ; tries++) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (HANDED_OUT.add(s.getLocalPort()) || tries >= 100) {
                    return s.getLocalPort();
                }
            }
        }
    }
}
