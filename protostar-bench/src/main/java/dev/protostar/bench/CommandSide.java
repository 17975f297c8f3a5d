package dev.protostar.bench;

import dev.protostar.cli.demo.SampleApp;
import dev.protostar.core.docker.Containers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code protostar} command as a user runs it: a new JVM per cutover ({@code protostar deploy}) and per rollback
 * ({@code protostar switch --to previous}), timed from the moment the process is started until it has exited. Its
 * progress lines are read as they come: the phase lines and the closing {@code = total} line give the parts, and
 * the moment {@code ▸ switch} arrives stands for the decision. With {@code cds}, the JVM runs as {@code bin/protostar}
 * starts it: C1 only, mapping a class-data archive that the set-up deploy wrote ({@code -XX:ArchiveClassesAtExit}).
 * With several apps, each action runs one command per app, all started at once, and records each one's wall time.
 */
final class CommandSide implements Side {
    private static final Pattern PHASE = Pattern.compile("^\\s*[✓✗] (\\S+)\\s+([0-9.]+) s");
    private static final Pattern TOTAL = Pattern.compile("= total\\s+[0-9.]+ s (?:java start ([0-9.]+) s \\+ )?command line ([0-9.]+) s \\+ "
            + "phases [0-9.]+ s \\+ between and after them ([0-9.]+) s");
    private static final Pattern LIVE = Pattern.compile(": (blue|green) is live");
    /** The switch's confirmation: how long after the reload nginx answered from the new color, and whether others shared it. */
    private static final Pattern ANSWERED = Pattern.compile("nginx answers from (?:blue|green) \\((\\d+) ms after the reload(?:, which loaded (\\d+) other)?");

    /** One app of this side: its source, spec and listen port, and the color the command last made live. */
    private static final class App {
        final String name;
        final Path source;
        final Path spec;
        final String url;
        String live;

        App(String name, Path source, String url) {
            this.name = name;
            this.source = source;
            this.spec = source.resolve("protostar.yml");
            this.url = url;
        }
    }

    private final Path dir;
    private final boolean cds;
    /** The command as a front that hands it to a resident engine ({@code PROTOSTAR_RESIDENT=on}), which the set-up starts. */
    private final boolean resident;
    private final Containers containers;
    private final List<App> apps = new ArrayList<>();
    private final ExecutorService pool;
    /** Where each line the commands print goes too, stamped (see Bench's --command-log); null: nowhere. */
    Path log;

    /**
     * @param apps that many sample apps, each its own name ({@code app}, then {@code app + "n2"}, …), source, spec and
     *             listen port (its own include in nginx's include directory), all behind the one nginx; each action
     *             runs the command for all of them at once. The load goes to the first one.
     */
    CommandSide(Path dir, String app, int apps, BenchNginx nginx, String startDelay, String healthcheck, boolean cds,
                Containers containers) throws Exception {
        this(dir, app, apps, nginx, startDelay, healthcheck, cds, false, containers);
    }

    CommandSide(Path dir, String app, int apps, BenchNginx nginx, String startDelay, String healthcheck, boolean cds,
                boolean resident, Containers containers) throws Exception {
        this.dir = dir;
        this.cds = cds;
        this.resident = resident;
        this.containers = containers;
        for (int i = 1; i <= apps; i++) {
            String name = appName(app, i);
            Path source = dir.resolve(i == 1 ? "app" : "app" + i);
            this.apps.add(new App(name, source, EngineSide.sampleApp(source, name, nginx, startDelay, healthcheck).url()));
        }
        this.pool = Executors.newFixedThreadPool(apps, r -> {
            Thread t = new Thread(r, "command");
            t.setDaemon(true);
            return t;
        });
    }

    private void logLine(long micros, App app, String line) throws IOException {
        if (log == null) {
            return;
        }
        synchronized (CommandSide.class) { // the apps' commands run at once
            Files.writeString(log, (micros / 1000) + " " + name() + " " + app.name + " " + line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    /** The name of app {@code i} (from 1) of a side whose first app is {@code app}. */
    static String appName(String app, int i) {
        return i == 1 ? app : app + "n" + i;
    }

    @Override
    public String name() {
        return (resident ? "command-resident" : cds ? "command-cds" : "command") + (apps.size() > 1 ? "×" + apps.size() : "");
    }

    @Override
    public String url() {
        return apps.get(0).url;
    }

    @Override
    public String live() {
        return apps.get(0).live;
    }

    private Path archive() {
        return dir.resolve("protostar.jsa");
    }

    /** Deploys each app's first version, one after the other; the first writes the class-data archive (with cds). */
    @Override
    public void setUp() throws Exception {
        for (App a : apps) {
            boolean writeArchive = cds && a == apps.get(0);
            Action first = run(a, Action.Kind.CUTOVER, 0, writeArchive ? List.of("-XX:ArchiveClassesAtExit=" + archive())
                    : jvmOptions(), "deploy", "-f", a.spec.toString(), "--owner", "bench");
            if (!first.ok()) {
                throw new IllegalStateException("the first deploy of " + a.name + " failed: " + first.error());
            }
            if (writeArchive && !Files.isRegularFile(archive())) {
                throw new IllegalStateException("the set-up deploy wrote no class-data archive at " + archive());
            }
        }
    }

    @Override
    public Action cutover(int index) throws Exception {
        for (App a : apps) {
            SampleApp.setVersion(a.source, "v" + (index + 1));
        }
        return all(a -> run(a, Action.Kind.CUTOVER, index, jvmOptions(), "deploy", "-f", a.spec.toString(), "--owner", "bench"));
    }

    @Override
    public Action rollback(int index) throws Exception {
        return all(a -> run(a, Action.Kind.ROLLBACK, index, jvmOptions(), "switch", "-f", a.spec.toString(), "--to", "previous",
                "--owner", "bench"));
    }

    private interface Command {
        Action run(App app) throws Exception;
    }

    /**
     * Starts the command for every app at once and waits for all: the first app's action, with every app's wall time
     * (the first app's first) and, when another app's command failed, its error.
     */
    private Action all(Command command) throws Exception {
        if (apps.size() == 1) {
            return command.run(apps.get(0));
        }
        List<Future<Action>> running = new ArrayList<>();
        for (App a : apps) {
            running.add(pool.submit(() -> command.run(a)));
        }
        List<Action> done = new ArrayList<>();
        for (Future<Action> f : running) {
            done.add(f.get(10, TimeUnit.MINUTES));
        }
        Action first = done.get(0);
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < done.size(); i++) {
            if (!done.get(i).ok()) {
                errors.add(apps.get(i).name + ": " + done.get(i).error());
            }
        }
        return first.withAppWalls(done.stream().map(Action::wallMicros).toList(), errors.isEmpty() ? null : String.join(" | ", errors));
    }

    /** bin/protostar-front where perl is there to run it (bin/bench runs from the repository's root), else null. */
    private static final Path PERL_FRONT = perlFront();

    private static Path perlFront() {
        Path front = Path.of("bin", "protostar-front").toAbsolutePath();
        if (!Files.isRegularFile(front)) {
            return null;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "perl"))) {
                return front;
            }
        }
        return null;
    }

    /** The jar the engine's Residence names its socket after: the one its class comes from, as the Perl front is told. */
    private static String residenceJar() throws Exception {
        return Path.of(Class.forName("dev.protostar.cli.resident.Residence").getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
    }

    /** As bin/protostar runs a command; quietly: a JVM that cannot map the archive runs without it (the figures show that). */
    private List<String> jvmOptions() {
        return cds ? List.of("-XX:SharedArchiveFile=" + archive(), "-XX:TieredStopAtLevel=1", "-Xlog:cds*=off", "-Xlog:class+path=off")
                : List.of();
    }

    private Action run(App app, Action.Kind kind, int index, List<String> jvm, String... args) throws Exception {
        List<String> java = new ArrayList<>();
        java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        java.addAll(jvm);
        java.addAll(List.of("-cp", System.getProperty("java.class.path"), resident ? "dev.protostar.cli.resident.Front" : "dev.protostar.cli.Protostar"));
        List<String> cmd = new ArrayList<>();
        // As bin/protostar hands the command over where perl is; not the run that writes the class-data archive, which
        // only a Java front can (the engine the solo pass started would take it over before any Java VM ran).
        boolean archiving = jvm.stream().anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit"));
        if (resident && PERL_FRONT != null && !archiving) {
            cmd.addAll(List.of("perl", PERL_FRONT.toString(), residenceJar(), Integer.toString(java.size())));
        }
        cmd.addAll(java);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (resident) { // the engine the first deploy starts serves the rest, and exits two minutes after the last
            pb.environment().put("PROTOSTAR_RESIDENT", "on");
            pb.environment().put("PROTOSTAR_RESIDENT_IDLE", "120");
        }
        long start = Clock.micros();
        Process p = pb.start();
        long decision = 0;
        long gate = 0;
        String color = null;
        Map<String, Long> phases = new LinkedHashMap<>();
        Deque<String> last = new ArrayDeque<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l = in.readLine(); l != null; l = in.readLine()) {
                long now = Clock.micros();
                logLine(now, app, l);
                last.addLast(l);
                if (last.size() > 20) {
                    last.removeFirst();
                }
                if (l.strip().equals("▸ switch") && decision == 0) {
                    decision = now;
                }
                Matcher m = PHASE.matcher(l);
                if (m.find()) {
                    phases.merge(m.group(1), Math.round(Double.parseDouble(m.group(2)) * 1000), Long::sum);
                    if (m.group(1).equals("gate")) {
                        gate = now;
                    }
                }
                Matcher t = TOTAL.matcher(l);
                if (t.find()) {
                    if (t.group(1) != null) {
                        phases.put("(java start)", Math.round(Double.parseDouble(t.group(1)) * 1000));
                    }
                    phases.put("(command line)", Math.round(Double.parseDouble(t.group(2)) * 1000));
                    phases.put("(between and after)", Math.round(Double.parseDouble(t.group(3)) * 1000));
                }
                Matcher a = ANSWERED.matcher(l);
                if (a.find()) {
                    phases.put("(reload to answer)", Long.parseLong(a.group(1)));
                    if (a.group(2) != null) {
                        System.out.println("  " + l.strip()); // a reload that loaded other apps' changes too (group commit)
                    }
                }
                Matcher c = LIVE.matcher(l);
                if (c.find()) {
                    color = c.group(1);
                }
            }
        }
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        long end = Clock.micros();
        String error = p.exitValue() == 0 ? null : "exit " + p.exitValue() + ": " + String.join(" / ", last);
        String from = app.live;
        if (error == null && color != null) {
            app.live = color;
        }
        AppStamps stamps = kind == Action.Kind.CUTOVER && error == null && color != null ? AppStamps.of(containers, app.name + "-" + color)
                : AppStamps.NONE;
        return new Action(kind, index, start, end, decision, from, color, error, phases.getOrDefault("build", 0L), stamps.started(),
                stamps.ready(), gate, phases);
    }

    @Override
    public void close() {
        // every process ended with its action; Bench removes the apps' containers and images by their labels
        pool.shutdownNow();
    }
}
