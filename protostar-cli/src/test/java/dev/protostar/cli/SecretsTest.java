package dev.protostar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.DeployRequest;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Event;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import dev.protostar.core.engine.Engine;
import dev.protostar.core.state.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Values from the deploying machine (its environment, what Jenkins' withCredentials fills, and env files) reach the
 * container and nothing else; when they cannot be read, nothing that serves changes.
 */
class SecretsTest {
    @TempDir
    Path tmp;

    private final String tag = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
    private final String apiToken = "tok-appneeds-" + tag;
    private final String dbPassword = "pw-appneeds-" + tag;
    private final String npmToken = "npm-appneeds-" + tag;

    private static DeployResult deploy(Fixture f, String version, Map<String, String> environment, List<Event> events) throws Exception {
        Files.writeString(f.source.resolve("VERSION"), version + "\n");
        return Engine.deploy(new DeployRequest(f.spec.toString(), null, "secrets-test", version, List.of(), null, environment),
                events::add);
    }

    private static String cli(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        synchronized (SecretsTest.class) {
            try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
                System.setOut(capture);
                CommandLine cl = Protostar.commandLine();
                cl.setErr(new PrintWriter(err, true));
                cl.execute(args);
                return bytes.toString(StandardCharsets.UTF_8) + err;
            } finally {
                System.setOut(saved);
            }
        }
    }

    private List<String> containerIds(Fixture f) {
        return f.containers().stream().map(c -> c.getNames()[0] + "=" + c.getId() + ":" + c.getState()).sorted().toList();
    }

    @Test
    void aMissingVariableOrAnEnvFileThatCannotBeReadChangesNothingThatServes() throws Exception {
        try (Fixture f = new Fixture(tmp, null)) {
            assertEquals(Outcome.SUCCEEDED, f.deploy("v1").outcome());
            assertEquals("200 v1 blue", f.answer());
            List<String> before = containerIds(f);
            String spec = Files.readString(f.spec);
            Files.createDirectories(f.source.resolve("adir"));
            for (String[] bad : new String[][] {
                    {"env:\n  REDIS_URL: { fromEnv: APPNEEDS_NEVER_SET }\n", "env.REDIS_URL", "variable APPNEEDS_NEVER_SET"},
                    {"envFile: deploy/prod.env\n", "envFile", "there is no env file deploy/prod.env"},
                    {"envFile: [adir]\n", "envFile[0]", "is not a regular file"},
                    {"build:\n  args: { NPM_TOKEN: { fromEnv: APPNEEDS_NEVER_SET } }\n", "build.args.NPM_TOKEN", "APPNEEDS_NEVER_SET"}}) {
                Files.writeString(f.spec, spec + bad[0]);
                int line = (int) spec.lines().count() + (bad[0].startsWith("env:") || bad[0].startsWith("build:") ? 2 : 1);
                List<Event> events = new ArrayList<>();
                DeployResult r = deploy(f, "v2", Map.of(), events);
                assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome(), r.error());
                assertEquals(Phase.SPEC, r.failedPhase());
                assertTrue(r.error().contains(":" + line + ":") && r.error().contains(bad[1] + ": ") && r.error().contains(bad[2]),
                        r.error());
                assertTrue(r.error().contains("Nothing on the server was changed."), r.error());
                assertEquals("200 v1 blue", f.answer());
                assertEquals(before, containerIds(f), "no container was started, stopped or renamed");
            }
            assertEquals(1, Engine.history(f.spec.toString(), 10).size(), "a deploy refused at the spec takes no lock and writes no history");
        }
    }

    @Test
    void secretsReachTheContainerAndNoOutput() throws Exception {
        try (Fixture f = new Fixture(tmp, null)) {
            Path start = f.source.resolve("start.sh");
            Files.writeString(start, Files.readString(start).replaceFirst("\n", "\necho \"token=\\$API_TOKEN db=\\$DB_PASSWORD\"\n"));
            Path dockerfile = f.source.resolve("Dockerfile");
            String image = Files.readString(dockerfile);
            Files.writeString(dockerfile, image.replace("COPY start.sh", "ARG NPM_TOKEN\nRUN echo \"installing with $NPM_TOKEN\"\nCOPY start.sh"));
            Files.writeString(f.source.resolve("prod.env"), "# on the deploying machine, never in git\nDB_PASSWORD=" + dbPassword + "\n");
            Files.writeString(f.spec, Files.readString(f.spec) + """
                    envFile: prod.env
                    env:
                      API_TOKEN: { fromEnv: CI_API_TOKEN }
                    build:
                      args: { NPM_TOKEN: { fromEnv: CI_NPM_TOKEN } }
                    """);
            Map<String, String> environment = Map.of("CI_API_TOKEN", apiToken, "CI_NPM_TOKEN", npmToken);
            List<Event> events = new ArrayList<>();
            List<String> outputs = new ArrayList<>();

            DeployResult good = deploy(f, "v1", environment, events);
            assertEquals(Outcome.SUCCEEDED, good.outcome(), good.error());
            List<String> env = Arrays.asList(f.docker.call("inspect", Duration.ofSeconds(30), () -> f.docker.client()
                    .inspectContainerCmd(f.app + "-blue").exec()).getConfig().getEnv());
            assertTrue(env.contains("API_TOKEN=" + apiToken) && env.contains("DB_PASSWORD=" + dbPassword), "the container has them");

            DeployResult unhealthy = deploy(f, "v2-unhealthy", environment, events); // the gate shows the app's last log lines
            assertEquals(Outcome.FAILED_BEFORE_SWITCH, unhealthy.outcome());
            assertTrue(unhealthy.error().contains("token=**** db=****"), "the log tail is shown, masked: " + unhealthy.error());

            Files.writeString(dockerfile, image.replace("COPY start.sh", "ARG NPM_TOKEN\nRUN echo \"installing with $NPM_TOKEN\" && exit 3\nCOPY start.sh"));
            DeployResult badBuild = deploy(f, "v3", environment, events);
            assertEquals(Outcome.FAILED_BEFORE_SWITCH, badBuild.outcome());
            assertEquals("200 v1 blue", f.answer());

            assertTrue(events.stream().anyMatch(e -> e.message().contains("installing with ****")),
                    "the build printed the build arg, and it was masked");
            events.forEach(e -> outputs.add(e.message()));
            for (DeployResult r : List.of(good, unhealthy, badBuild)) {
                outputs.add(String.valueOf(r));
            }
            outputs.add(Json.MAPPER.writeValueAsString(Engine.history(f.spec.toString(), 10)));
            outputs.add(String.valueOf(Engine.status(f.spec.toString())));
            outputs.add(cli("status", "--json", "-f", f.spec.toString()));
            outputs.add(cli("history", "--json", "-f", f.spec.toString()));
            outputs.add(cli("history", "-f", f.spec.toString()));
            outputs.add(String.valueOf(new DeployRequest(f.spec.toString(), null, "o", "r", List.of(), null, environment)));
            for (String out : outputs) {
                for (String secret : List.of(apiToken, dbPassword, npmToken)) {
                    assertFalse(out.contains(secret), "a secret in: " + out);
                }
            }
            assertEquals(3, Engine.history(f.spec.toString(), 10).size());
        } finally {
            removeBuildSteps();
        }
    }

    /** A failed classic build leaves its earlier steps' images, whose command lines carry the build args. */
    private void removeBuildSteps() {
        try (var docker = dev.protostar.core.docker.Docker.connect(Fixture.DOCKER)) {
            for (var image : docker.call("images", Duration.ofSeconds(30), () -> docker.client().listImagesCmd()
                    .withShowAll(true).withDanglingFilter(true).exec())) {
                var cmd = docker.call("inspect", Duration.ofSeconds(30), () -> docker.client().inspectImageCmd(image.getId()).exec())
                        .getContainerConfig();
                if (cmd != null && cmd.getCmd() != null && String.join(" ", cmd.getCmd()).contains(npmToken)) {
                    docker.run("rmi", Duration.ofSeconds(30), () -> docker.client().removeImageCmd(image.getId()).withForce(true).exec());
                }
            }
        } catch (RuntimeException ignored) {
            // another test's image went away in between: nothing of ours is left
        }
    }
}
