package dev.protostar.bench;

import dev.protostar.cli.demo.LocalNginx;
import dev.protostar.cli.demo.SampleApp;
import dev.protostar.core.docker.Containers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code protostar} command as a user runs it: a new JVM per cutover ({@code protostar deploy}) and per rollback
 * ({@code protostar switch --to previous}), timed from the moment the process is started until it has exited. Its
 * progress lines are read as they come: the phase lines and the closing {@code = total} line give the parts, and
 * the moment {@code ▸ switch} arrives stands for the decision. With {@code cds}, the JVM runs as {@code bin/protostar}
 * starts it: C1 only, mapping a class-data archive that the set-up deploy wrote ({@code -XX:ArchiveClassesAtExit}).
 */
final class CommandSide implements Side {
    private static final Pattern PHASE = Pattern.compile("^\\s*[✓✗] (\\S+)\\s+([0-9.]+) s");
    private static final Pattern TOTAL = Pattern.compile("= total\\s+[0-9.]+ s (?:java start ([0-9.]+) s \\+ )?command line ([0-9.]+) s \\+ "
            + "phases [0-9.]+ s \\+ between and after them ([0-9.]+) s");
    private static final Pattern LIVE = Pattern.compile(": (blue|green) is live");

    private final String app;
    private final Path dir;
    private final Path source;
    private final Path spec;
    private final int port;
    private final boolean cds;
    private final Containers containers;
    private String live;

    CommandSide(Path dir, String app, LocalNginx nginx, int port, String startDelay, String healthcheck, boolean cds,
                Containers containers) throws IOException {
        this.app = app;
        this.dir = dir;
        this.source = dir.resolve("app");
        this.port = port;
        this.cds = cds;
        this.containers = containers;
        this.spec = EngineSide.sampleApp(source, app, nginx, port, startDelay, healthcheck);
    }

    @Override
    public String name() {
        return cds ? "command-cds" : "command";
    }

    @Override
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    private Path archive() {
        return dir.resolve("protostar.jsa");
    }

    @Override
    public void setUp() throws Exception {
        Action first = run(Action.Kind.CUTOVER, 0, cds ? List.of("-XX:ArchiveClassesAtExit=" + archive()) : List.of(), "deploy", "-f",
                spec.toString(), "--owner", "bench");
        if (!first.ok()) {
            throw new IllegalStateException("the first deploy failed: " + first.error());
        }
        if (cds && !Files.isRegularFile(archive())) {
            throw new IllegalStateException("the set-up deploy wrote no class-data archive at " + archive());
        }
    }

    @Override
    public Action cutover(int index) throws Exception {
        SampleApp.setVersion(source, "v" + (index + 1));
        return run(Action.Kind.CUTOVER, index, jvmOptions(), "deploy", "-f", spec.toString(), "--owner", "bench");
    }

    @Override
    public Action rollback(int index) throws Exception {
        return run(Action.Kind.ROLLBACK, index, jvmOptions(), "switch", "-f", spec.toString(), "--to", "previous", "--owner", "bench");
    }

    /** As bin/protostar runs a command; quietly: a JVM that cannot map the archive runs without it (the figures show that). */
    private List<String> jvmOptions() {
        return cds ? List.of("-XX:SharedArchiveFile=" + archive(), "-XX:TieredStopAtLevel=1", "-Xlog:cds*=off", "-Xlog:class+path=off")
                : List.of();
    }

    private Action run(Action.Kind kind, int index, List<String> jvm, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.protostar.cli.Protostar"));
        cmd.addAll(List.of(args));
        long start = Clock.micros();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        long decision = 0;
        long gate = 0;
        String color = null;
        Map<String, Long> phases = new LinkedHashMap<>();
        Deque<String> last = new ArrayDeque<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l = in.readLine(); l != null; l = in.readLine()) {
                long now = Clock.micros();
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
        String from = live;
        if (error == null && color != null) {
            live = color;
        }
        AppStamps stamps = kind == Action.Kind.CUTOVER && error == null && color != null ? AppStamps.of(containers, app + "-" + color)
                : AppStamps.NONE;
        return new Action(kind, index, start, end, decision, from, color, error, phases.getOrDefault("build", 0L), stamps.started(),
                stamps.ready(), gate, phases);
    }

    @Override
    public void close() {
        // every process ended with its action; Bench removes the app's containers and images by its label
    }
}
