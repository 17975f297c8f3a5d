package dev.protostar.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.Container;
import dev.protostar.cli.Fixture;
import dev.protostar.cli.Protostar;
import dev.protostar.core.docker.Labels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo never touches a real app that has its name on the same engine. */
class DemoAppNameTest {
    @TempDir
    Path tmp;

    record Run(int exit, String out) {}

    private static synchronized Run run(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            var cl = Protostar.commandLine();
            cl.setErr(new PrintWriter(err, true));
            int exit = cl.execute(args);
            return new Run(exit, bytes.toString(StandardCharsets.UTF_8) + err);
        } finally {
            System.setOut(saved);
        }
    }

    /** id and state of each container labelled with the app, and its image ids: what "nothing changed" compares. */
    private static String engineState(Fixture f) {
        StringBuilder sb = new StringBuilder();
        for (Container c : f.containers()) {
            sb.append(c.getNames()[0]).append(' ').append(c.getId()).append(' ').append(c.getState()).append('\n');
        }
        f.docker.call("images", Duration.ofSeconds(30), () -> f.docker.client().listImagesCmd()
                .withLabelFilter(Map.of(Labels.APP, f.app)).exec()).forEach(i -> sb.append(i.getId()).append('\n'));
        return sb.toString();
    }

    @Test
    void theDemoRefusesTheNameOfARealAppAndChangesNothing() throws Exception {
        try (Fixture f = new Fixture(tmp.resolve("real"), null)) {
            assertTrue(f.deploy("v1").ok());
            String before = engineState(f);
            String answer = f.answer();
            Path demoDir = tmp.resolve("demo");
            int port = Fixture.freePort();

            Run demo = run("demo", "--app", f.app, "--port", Integer.toString(port), "--dir", demoDir.toString());
            assertEquals(3, demo.exit(), demo.out());
            assertTrue(demo.out().contains("--app " + f.app + ": the Docker engine at unix:///var/run/docker.sock has an app named "
                    + f.app + " that the demo did not make"), demo.out());
            assertTrue(demo.out().contains("container " + f.app + "-blue (image "), demo.out());
            assertTrue(demo.out().contains("image " + f.app + ":"), demo.out());
            assertTrue(demo.out().contains("changed nothing"), demo.out());
            assertEquals(before, engineState(f), "the real app's containers and images are as they were");
            assertEquals(answer, f.answer());
            assertFalse(Files.exists(demoDir.resolve("app/protostar.yml")), "the demo wrote nothing");
            assertFalse(Files.exists(demoDir.resolve("nginx")), "the demo's nginx was not started");

            // and --down in a demo dir whose spec names the real app leaves the real app alone
            Files.createDirectories(demoDir.resolve("app"));
            Files.writeString(demoDir.resolve("app/protostar.yml"), SampleApp.spec(f.app, new LocalNginx(demoDir.resolve("nginx"), port), null));
            Run down = run("demo", "--down", "--dir", demoDir.toString(), "--port", Integer.toString(port));
            assertEquals(0, down.exit(), down.out());
            assertTrue(down.out().contains("left alone, not the demo's: container " + f.app + "-blue"), down.out());
            assertEquals(before, engineState(f), "--down removed nothing of the real app");
            assertEquals(answer, f.answer());
            assertEquals(1, dev.protostar.core.engine.Engine.history(f.spec.toString(), 10).size(), "nor its history: " + down.out());
        }
    }

    @Test
    void theDemoMarksWhatItMakesAndDownRemovesOnlyThat() throws Exception {
        String app = "demo" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        Path demoDir = tmp.resolve("demo");
        int port = Fixture.freePort();
        try (var docker = dev.protostar.core.docker.Docker.connect(Fixture.DOCKER)) {
            try {
                Run demo = run("demo", "--app", app, "--port", Integer.toString(port), "--dir", demoDir.toString());
                assertEquals(0, demo.exit(), demo.out());
                DemoOwnership own = new DemoOwnership(docker, app);
                assertEquals(List.of(), own.foreign(), "everything of the app is marked as the demo's");
                assertEquals(2, own.ownContainers().size(), own.ownContainers().toString());
                assertFalse(own.ownImages().isEmpty());
            } finally {
                Run down = run("demo", "--down", "--dir", demoDir.toString(), "--port", Integer.toString(port));
                assertEquals(0, down.exit(), down.out());
            }
            DemoOwnership own = new DemoOwnership(docker, app);
            assertEquals(List.of(), own.ownContainers(), "--down removed the demo's containers");
            assertEquals(List.of(), own.ownImages(), "--down removed the demo's images");
            assertEquals(List.of(), dev.protostar.core.engine.Engine.history(demoDir.resolve("app/protostar.yml").toString(), 10),
                    "--down removed the demo's history");
            Fixture.removeApp(docker, app); // its lock, if any
        }
    }
}
