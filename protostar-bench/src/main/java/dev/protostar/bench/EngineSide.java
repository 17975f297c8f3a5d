package dev.protostar.bench;

import dev.protostar.cli.demo.SampleApp;
import dev.protostar.core.api.Event;
import dev.protostar.core.docker.Containers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Protostar's engine, in its own JVM with a capped heap, deploying the sample app behind the shared nginx. */
final class EngineSide implements Side {
    private static final Pattern DRAINED = Pattern.compile("drained \\S+ in ([0-9.]+)(ms|s)");

    private final String app;
    private final Path source;
    private final Path spec;
    private final String url;
    private final String heapCap;
    private final Containers containers;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private Process engine;
    private Writer commands;
    private String live;
    private String heap;
    boolean trace;

    EngineSide(Path dir, String app, BenchNginx nginx, String startDelay, String healthcheck, String heapCap,
               Containers containers) throws Exception {
        this.app = app;
        this.source = dir.resolve("app");
        this.heapCap = heapCap;
        this.containers = containers;
        this.url = sampleApp(source, app, nginx, startDelay, healthcheck).url();
        this.spec = source.resolve("protostar.yml");
    }

    /**
     * Writes the sample app's source (version v1) into {@code source} and its spec beside it ({@code protostar.yml}): the
     * demo's spec behind the shared nginx, on a listen port of its own, with the start-up delay and a drain of at most
     * 1 s; returns its route.
     */
    static BenchNginx.Route sampleApp(Path source, String app, BenchNginx nginx, String startDelay, String healthcheck)
            throws Exception {
        SampleApp.write(source, "v1");
        healthcheck(source, healthcheck);
        BenchNginx.Route route = nginx.route(app, "env:\n  START_DELAY: \"" + startDelay + "\"\nretire:\n  drain: 1s\n");
        Files.writeString(source.resolve("protostar.yml"), route.spec());
        return route;
    }

    @Override
    public String name() {
        return "protostar";
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public void setUp() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        engine = new ProcessBuilder(java, "-Xmx" + heapCap, "-cp", System.getProperty("java.class.path"),
                EngineProcess.class.getName(), spec.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        commands = new OutputStreamWriter(engine.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(engine.getInputStream(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = in.readLine()) != null) {
                    lines.add(l);
                }
            } catch (IOException ignored) {
                // the engine exited
            }
            lines.add("EOF");
        }, "engine-output");
        reader.setDaemon(true);
        reader.start();
        Action first = run("deploy v1", Action.Kind.CUTOVER, 0);
        if (!first.ok()) {
            throw new IllegalStateException("the first deploy failed: " + first.error());
        }
    }

    @Override
    public Action cutover(int index) throws Exception {
        SampleApp.setVersion(source, "v" + (index + 1));
        return run("deploy v" + (index + 1), Action.Kind.CUTOVER, index);
    }

    @Override
    public Action rollback(int index) throws Exception {
        return run("rollback", Action.Kind.ROLLBACK, index);
    }

    private Action run(String command, Action.Kind kind, int index) throws Exception {
        commands.write(command + "\n");
        commands.flush();
        List<EngineProcess.Line> events = new ArrayList<>();
        while (true) {
            String l = lines.poll(5, TimeUnit.MINUTES);
            if (l == null || l.equals("EOF")) {
                throw new IllegalStateException("the engine process stopped answering during: " + command);
            }
            if (l.startsWith("E ")) {
                events.add(EngineProcess.Line.parse(l));
                if (trace) {
                    System.out.println("  engine: " + l);
                }
            } else if (l.startsWith("R ")) {
                String[] f = l.split(" ", 6);
                long start = Long.parseLong(f[1]);
                long end = Long.parseLong(f[2]);
                String outcome = f[3];
                String color = f[4];
                String error = outcome.equals("SUCCEEDED") ? null : outcome + ": " + f[5];
                String from = live;
                if (error == null) {
                    live = color;
                }
                long decision = at(events, Event.Kind.STARTED, "SWITCH");
                long gate = at(events, Event.Kind.FINISHED, "GATE");
                long build = events.stream().filter(e -> e.kind() == Event.Kind.FINISHED && e.phase().equals("BUILD"))
                        .mapToLong(EngineProcess.Line::millis).sum();
                AppStamps stamps = kind == Action.Kind.CUTOVER && error == null ? AppStamps.of(containers, app + "-" + color) : AppStamps.NONE;
                Map<String, Long> phases = new LinkedHashMap<>();
                for (EngineProcess.Line e : events) {
                    if (e.kind() == Event.Kind.FINISHED || e.kind() == Event.Kind.FAILED) {
                        phases.merge(e.phase().toLowerCase(java.util.Locale.ROOT), e.millis(), Long::sum);
                    }
                    Matcher drained = DRAINED.matcher(e.message());
                    if (e.kind() == Event.Kind.INFO && e.phase().equals("BOOT") && drained.matches()) {
                        // the part of boot spent waiting for nginx's last connection to the color being replaced
                        long ms = drained.group(2).equals("ms") ? Long.parseLong(drained.group(1))
                                : Math.round(Double.parseDouble(drained.group(1)) * 1000);
                        phases.merge("(of boot: drain)", ms, Long::sum);
                    }
                }
                return new Action(kind, index, start, end, decision, from, color, error, build, stamps.started(), stamps.ready(), gate,
                        phases);
            }
        }
    }

    /**
     * Sets the sample image's Docker {@code HEALTHCHECK} in the app's Dockerfile (the bench's copy): an interval such as
     * {@code 2s} replaces the demo's 1 s, {@code off} removes it ({@code HEALTHCHECK NONE}), {@code 1s} leaves the demo's
     * image as it is (what earlier reports measured).
     */
    static void healthcheck(Path source, String setting) throws IOException {
        Path dockerfile = source.resolve("Dockerfile");
        String text = Files.readString(dockerfile);
        String line = text.lines().filter(l -> l.startsWith("HEALTHCHECK ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the sample app's Dockerfile has no HEALTHCHECK line"));
        String replacement;
        if (setting.equals("off")) {
            replacement = "HEALTHCHECK NONE";
        } else if (setting.matches("[0-9]+(ms|s|m)")) {
            if (!line.contains("--interval=1s ")) {
                throw new IllegalStateException("the sample app's HEALTHCHECK has no --interval=1s to replace: " + line);
            }
            replacement = line.replace("--interval=1s ", "--interval=" + setting + " ");
        } else {
            throw new IllegalArgumentException("--healthcheck: an interval such as 2s or 500ms, or off; not " + setting);
        }
        Files.writeString(dockerfile, text.replace(line, replacement));
    }

    private static long at(List<EngineProcess.Line> events, Event.Kind kind, String phase) {
        return events.stream().filter(e -> e.kind() == kind && e.phase().equals(phase)).mapToLong(EngineProcess.Line::micros)
                .findFirst().orElse(0);
    }

    @Override
    public String resources() {
        return heap;
    }

    /** The engine JVM's heap figures as {@link HeapWatch#report()} gives them, or null. */
    String heapFigures() {
        return heap == null ? null : heap.substring(2);
    }

    @Override
    public void close() {
        if (engine == null) {
            return;
        }
        try {
            commands.write("quit\n");
            commands.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                String l = lines.poll(1, TimeUnit.SECONDS);
                if (l != null && l.startsWith("H ")) {
                    heap = l;
                    break;
                }
                if ("EOF".equals(l)) {
                    break;
                }
            }
            engine.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            // fall through to the forced stop
        } finally {
            if (engine.isAlive()) {
                engine.destroyForcibly();
            }
        }
    }
}
