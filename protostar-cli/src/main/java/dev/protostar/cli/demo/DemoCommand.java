package dev.protostar.cli.demo;

import dev.protostar.cli.Progress;
import dev.protostar.core.api.Advice;
import dev.protostar.core.api.DeployRequest;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.SwitchRequest;
import dev.protostar.core.api.Wording;
import dev.protostar.core.engine.Engine;
import dev.protostar.core.http.HttpProbe;
import dev.protostar.core.spec.Arguments;
import dev.protostar.core.spec.Durations;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The main job, on this machine: build a sample app, start an nginx of our own, deploy v1, deploy v2
 * with a cutover, roll back, and leave it running to try.
 */
@Command(name = "demo", description = "Run a local blue/green demo: deploy v1, cut over to v2, roll back.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--dir", defaultValue = "protostar-demo", description = "working directory (default: ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--port", defaultValue = "18080", description = "where nginx listens on 127.0.0.1 (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--docker-host", defaultValue = "unix:///var/run/docker.sock", description = "Docker engine (default: ${DEFAULT-VALUE})")
    String dockerHost;

    @Option(names = "--app", defaultValue = "demo", description = "the demo app's name: its containers are <app>-blue and <app>-green (default: ${DEFAULT-VALUE})")
    String app;

    @Option(names = "--down", description = "stop the demo's nginx and remove its containers and images")
    boolean down;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    /** Every option ends up in the demo's spec or nginx config: each is held to what the spec itself takes. */
    private void checkOptions() {
        String problem = null;
        if (Arguments.appProblem(app) != null) {
            problem = "--app " + Arguments.appProblem(app);
        } else if (Arguments.dockerHostProblem(dockerHost) != null) {
            problem = "--docker-host " + Arguments.dockerHostProblem(dockerHost);
        } else if (port < 1 || port > 65535) {
            problem = "--port must be 1 to 65535, got " + port;
        } else if (!DIR.matcher(dir.toString()).matches()) {
            problem = "--dir \"" + dir.toString().replaceAll("\\p{Cntrl}", "?") + "\" goes into the demo's spec and nginx "
                    + "config: use a path of letters, digits, '.', '_', '/' and '-'";
        }
        if (problem != null) {
            throw new picocli.CommandLine.ParameterException(command.commandLine(), problem);
        }
    }

    private static final java.util.regex.Pattern DIR = java.util.regex.Pattern.compile("[A-Za-z0-9._/-]{1,500}");

    @Override
    public Integer call() throws Exception {
        dir = dir.toAbsolutePath().normalize();
        checkOptions();
        LocalNginx nginx = new LocalNginx(dir.resolve("nginx"), port);
        Path spec = dir.resolve("app").resolve("protostar.yml");
        if (down) {
            return down(nginx, spec);
        }
        List<String> missing = Prerequisites.check(dockerHost);
        if (!missing.isEmpty()) {
            System.out.println("The demo needs a few things first:");
            missing.forEach(m -> System.out.println("  - " + m));
            return 3;
        }
        if (nginx.pid().isEmpty() && !portFree(port)) {
            System.out.println("127.0.0.1:" + port + " is in use; pick another with --port");
            return 3;
        }
        if (Files.exists(spec) && !dev.protostar.core.spec.SpecParser.parse(spec).app().equals(app)) {
            System.out.println(dir + " holds another demo app; run demo --down --dir " + dir + " first, or use another --dir");
            return 3;
        }
        List<String> foreign = foreignOnEngine();
        if (!foreign.isEmpty()) {
            System.out.println("--app " + app + ": the Docker engine at " + dockerHost + " has an app named " + app
                    + " that the demo did not make:\n  - " + String.join("\n  - ", foreign)
                    + "\nThe demo would replace its containers and remove its images, so it changed nothing. "
                    + "Pick another name with --app.");
            return 3;
        }
        Path source = spec.getParent();
        SampleApp.write(source, "v1");
        DemoOwnership.mark(source);
        Files.writeString(spec, SampleApp.spec(app, nginx, "docker:\n  host: " + dockerHost + "\nretire:\n  drain: 1s\n"));
        nginx.start();
        System.out.println("nginx (pid " + nginx.pid().orElse(0L) + ") routes 127.0.0.1:" + port + " from " + nginx.includeDir());

        List<DeployResult> steps = new ArrayList<>();
        System.out.println("\n1. deploy v1");
        steps.add(Engine.deploy(new DeployRequest(spec.toString(), null, "demo", "v1"), new Progress(System.out, false)));
        if (!check(steps, "v1")) return 1;

        System.out.println("\n2. deploy v2 (cutover)");
        SampleApp.setVersion(source, "v2");
        steps.add(Engine.deploy(new DeployRequest(spec.toString(), null, "demo", "v2"), new Progress(System.out, false)));
        if (!check(steps, "v2")) return 1;

        System.out.println("\n3. roll back to the previous color");
        steps.add(Engine.switchTo(new SwitchRequest(spec.toString(), "previous", "demo"), new Progress(System.out, false)));
        if (!check(steps, "v1")) return 1;

        summary(steps, spec);
        return 0;
    }

    private boolean check(List<DeployResult> steps, String expectVersion) {
        DeployResult r = steps.get(steps.size() - 1);
        if (!r.ok()) {
            System.out.println("demo stopped: " + Wording.failure(r, Advice.COMMAND_LINE));
            return false;
        }
        String answer = answer();
        System.out.println("   " + r.color() + " is live; http://127.0.0.1:" + port + "/ answers: " + answer);
        if (!answer.startsWith(expectVersion + " ")) {
            System.out.println("demo stopped: expected " + expectVersion + " to answer");
            return false;
        }
        return true;
    }

    private String answer() {
        try {
            HttpProbe.Response r = HttpProbe.get("http://127.0.0.1:" + port, "/", null, Duration.ofSeconds(5));
            return r.body().strip(); // the sample app says its version and color; nginx tells the color only to the engine's probes
        } catch (IOException e) {
            return "no answer: " + e.getMessage();
        }
    }

    private void summary(List<DeployResult> steps, Path spec) {
        System.out.println("\nWhat happened (seconds per phase):");
        List<String> phases = List.of("spec", "connect", "lock", "discover", "build", "boot", "gate", "switch", "verify", "retire", "record");
        StringBuilder head = new StringBuilder(String.format("  %-20s", "step"));
        phases.forEach(p -> head.append(String.format("%9s", p)));
        head.append(String.format("%9s", "total"));
        System.out.println(head);
        String[] names = {"deploy v1", "deploy v2 (cutover)", "rollback"};
        for (int i = 0; i < steps.size(); i++) {
            Map<String, Long> t = steps.get(i).phases();
            StringBuilder row = new StringBuilder(String.format("  %-20s", names[i]));
            phases.forEach(p -> row.append(t.containsKey(p) ? String.format("%9.2f", t.get(p) / 1000.0) : String.format("%9s", "-")));
            row.append(String.format("%9.2f", steps.get(i).millis() / 1000.0));
            System.out.println(row);
        }
        String jar = "bin/protostar";
        System.out.println("\nTry it:   curl -i http://127.0.0.1:" + port + "/");
        System.out.println("Status:   " + jar + " status -f " + spec);
        System.out.println("Again:    " + jar + " deploy -f " + spec + "   (edit " + spec.getParent().resolve("VERSION") + " first)");
        System.out.println("Rollback: " + jar + " switch -f " + spec + " --to previous");
        System.out.println("Clean up: " + jar + " demo --down --dir " + dir);
        System.out.println("Deploy, cutover and rollback took " + Durations.seconds(steps.get(0).millis()) + ", "
                + Durations.seconds(steps.get(1).millis()) + " and " + Durations.seconds(steps.get(2).millis()) + ".");
    }

    private List<String> foreignOnEngine() {
        try (var docker = dev.protostar.core.docker.Docker.connect(dockerHost)) {
            return new DemoOwnership(docker, app).foreign();
        }
    }

    /**
     * Removes what the demo in this dir started: its app's containers and images (named in its spec, and
     * labelled as the demo's: an app of the same name deployed for real stays), and its nginx.
     */
    private int down(LocalNginx nginx, Path spec) {
        if (Files.exists(spec)) {
            String name = dev.protostar.core.spec.SpecParser.parse(spec).app();
            try (var docker = dev.protostar.core.docker.Docker.connect(dockerHost)) {
                DemoOwnership own = new DemoOwnership(docker, name);
                var containers = new dev.protostar.core.docker.Containers(docker, dev.protostar.core.docker.Reach.PUBLISHED_PORT);
                var images = new dev.protostar.core.docker.Images(docker);
                List<String> removed = new ArrayList<>();
                for (String c : own.ownContainers()) {
                    containers.remove(c);
                    removed.add(c);
                }
                for (String i : own.ownImages()) {
                    try {
                        images.remove(i);
                    } catch (RuntimeException e) {
                        System.out.println("could not remove the demo's image " + i + ": " + e.getMessage());
                    }
                }
                List<String> kept = own.foreign();
                if (kept.isEmpty()) {
                    dev.protostar.core.state.History.erase(docker, name);
                }
                System.out.println("removed the demo's containers " + (removed.isEmpty() ? "(none)" : String.join(", ", removed))
                        + " and its images" + (kept.isEmpty() ? " and history" : ""));
                if (!kept.isEmpty()) {
                    // The history on the engine is per app name, so it is that app's too.
                    System.out.println("left alone, not the demo's: " + String.join("; ", kept) + "; and the history of " + name);
                }
            } catch (RuntimeException e) {
                System.out.println("could not remove the demo containers: " + e.getMessage());
            }
        }
        nginx.stop();
        System.out.println("stopped the demo's nginx (" + nginx.prefix() + ")");
        return 0;
    }

    private static boolean portFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
