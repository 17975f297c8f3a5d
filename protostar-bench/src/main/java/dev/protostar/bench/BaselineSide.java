package dev.protostar.bench;

import dev.protostar.cli.demo.LocalNginx;
import dev.protostar.cli.demo.SampleApp;
import dev.protostar.core.docker.Containers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The hand-written script (baseline.sh), run for each cutover and rollback behind the same nginx. */
final class BaselineSide implements Side {
    private final String app;
    private final Path source;
    private final Path script;
    private final Path state;
    private final int port;
    private final Containers containers;
    private final Map<String, String> env = new HashMap<>();
    private String live;

    BaselineSide(Path dir, String app, String label, LocalNginx nginx, int port, int bluePort, int greenPort, String startDelay,
                 String healthcheck, String poll, Containers containers) throws IOException {
        this.app = app;
        this.source = dir.resolve("app");
        this.state = Files.createDirectories(dir.resolve("state"));
        this.script = dir.resolve("baseline.sh");
        this.port = port;
        this.containers = containers;
        SampleApp.write(source, "v1");
        EngineSide.healthcheck(source, healthcheck); // the same image; the script itself polls /health and ignores Docker's status
        try (InputStream in = BaselineSide.class.getResourceAsStream("baseline.sh")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> reload = nginx.reloadCommand();
        env.put("APP", app);
        env.put("CONTEXT", source.toString());
        env.put("INCLUDE", nginx.includeDir().resolve("baseline-" + app + ".conf").toString());
        env.put("LISTEN", "127.0.0.1:" + port);
        env.put("BLUE_PORT", String.valueOf(bluePort));
        env.put("GREEN_PORT", String.valueOf(greenPort));
        env.put("STATE", state.toString());
        env.put("LABEL", label);
        env.put("START_DELAY", startDelay);
        env.put("POLL", poll);
        env.put("NGINX", String.join(" ", reload.subList(0, reload.size() - 2)));
    }

    @Override
    public String name() {
        return "baseline";
    }

    @Override
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void setUp() throws Exception {
        Action first = run(List.of("deploy", "v1"), Action.Kind.CUTOVER, 0);
        if (!first.ok()) {
            throw new IllegalStateException("the baseline's first deploy failed: " + first.error());
        }
    }

    @Override
    public Action cutover(int index) throws Exception {
        SampleApp.setVersion(source, "v" + (index + 1));
        return run(List.of("deploy", "v" + (index + 1)), Action.Kind.CUTOVER, index);
    }

    @Override
    public Action rollback(int index) throws Exception {
        return run(List.of("rollback"), Action.Kind.ROLLBACK, index);
    }

    private Action run(List<String> args, Action.Kind kind, int index) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(new java.util.ArrayList<>(List.of("bash", script.toString())));
        pb.command().addAll(args);
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        long start = Clock.micros();
        Process p = pb.start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("baseline.sh " + args + " did not finish within 3 minutes");
        }
        long end = Clock.micros();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, Long> stamps = new HashMap<>();
        StringBuilder other = new StringBuilder();
        for (String line : out.split("\n")) {
            if (line.startsWith("@")) {
                String[] f = line.substring(1).trim().split(" ");
                stamps.put(f[0], Long.parseLong(f[1]) / 1_000);
            } else if (!line.isBlank()) {
                other.append(line).append(' ');
            }
        }
        String error = p.exitValue() == 0 ? null : "exit " + p.exitValue() + ": " + other.toString().strip();
        String from = live;
        String to = Files.exists(state.resolve("live-color")) ? Files.readString(state.resolve("live-color")).strip() : null;
        if (error == null) {
            live = to;
        }
        long build = stamps.containsKey("build-end") ? (stamps.get("build-end") - stamps.get("build-start")) / 1_000 : 0;
        AppStamps app = error == null ? AppStamps.of(containers, this.app + "-" + to) : AppStamps.NONE;
        Map<String, Long> phases = new java.util.LinkedHashMap<>();
        long previous = start;
        for (String step : List.of("build-end", "run", "healthy", "reloaded", "stopped")) {
            if (stamps.containsKey(step)) {
                phases.put(step.replace("-end", ""), (stamps.get(step) - previous) / 1_000);
                previous = stamps.get(step);
            }
        }
        return new Action(kind, index, start, end, stamps.getOrDefault("switch", 0L), from, to, error, build,
                app.started(), app.ready(), stamps.getOrDefault("healthy", 0L), phases);
    }

    @Override
    public String live() {
        return live;
    }

    @Override
    public void close() {
        // its containers and images carry the run's label; the benchmark removes them
    }
}
