package dev.protostar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.state.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** protostar logs and protostar exec against the real Docker engine, and the image name a color's container shows. */
class LookInsideTest {
    @TempDir
    java.nio.file.Path tmp;

    private static CommandSurfaceTest.Run run(String... args) {
        return CommandSurfaceTest.run(args);
    }

    @Test
    void logsExecAndTheImageNameOfTheLiveColor() throws Exception {
        try (Fixture f = new Fixture(tmp, null)) {
            DeployResult built = f.deploy("v1");
            assertEquals(Outcome.SUCCEEDED, built.outcome(), built.error());
            String spec = f.spec.toString();

            // docker ps and inspect show the image by the name the deploy built, while the container runs that very id.
            var inspected = f.docker.client().inspectContainerCmd(f.app + "-blue").exec();
            assertEquals(built.imageName(), inspected.getConfig().getImage());
            assertEquals(built.imageId(), inspected.getImageId());
            assertEquals(built.imageName(), f.containers().get(0).getImage());

            CommandSurfaceTest.Run all = run("logs", "-f", spec);
            assertEquals(0, all.exit(), all.err());
            assertTrue(all.out().contains("protostar-sample started") && all.out().contains("protostar-sample ready"), all.out());

            CommandSurfaceTest.Run last = run("logs", "-f", spec, "--tail", "1");
            assertEquals(List.of("ready"), last.out().lines().map(l -> l.split(" ")[1]).toList(), last.out());

            CommandSurfaceTest.Run hour = run("logs", "-f", spec, "--since", "1h", "--color", "blue");
            assertTrue(hour.out().contains("protostar-sample started"), hour.out());
            // The app wrote its lines before it passed its gate: from a time after now on there are none.
            String later = Instant.now().plusSeconds(2).toString();
            CommandSurfaceTest.Run none = run("logs", "-f", spec, "--since", later);
            assertEquals(0, none.exit(), none.err());
            assertEquals("", none.out());

            CommandSurfaceTest.Run json = run("logs", "-f", spec, "--json", "--tail", "2");
            List<String> lines = json.out().lines().toList();
            assertEquals(2, lines.size(), json.out());
            for (String l : lines) {
                JsonNode n = Json.MAPPER.readTree(l);
                assertEquals("stdout", n.get("stream").asText());
                assertTrue(n.get("line").asText().startsWith("protostar-sample "), l);
            }

            CommandSurfaceTest.Run version = run("exec", "-f", spec, "--", "cat", "/VERSION");
            assertEquals(0, version.exit(), version.out() + version.err());
            assertEquals("v1\n", version.out());

            CommandSurfaceTest.Run noDash = run("exec", "-f", spec, "ls", "-d", "/www");
            assertEquals(0, noDash.exit(), noDash.err());
            assertEquals("/www\n", noDash.out());

            CommandSurfaceTest.Run failing = run("exec", "-f", spec, "--", "sh", "-c", "echo oops >&2; exit 3");
            assertEquals(3, failing.exit());
            assertTrue(failing.err().contains("oops"), failing.err());

            CommandSurfaceTest.Run missing = run("exec", "-f", spec, "--", "no-such-program", "x");
            assertTrue(missing.exit() == 126 || missing.exit() == 127, "exit " + missing.exit());
            assertTrue(missing.err().contains("there is no program \"no-such-program\" in " + f.app + "-blue"), missing.err());

            CommandSurfaceTest.Run asJson = run("exec", "-f", spec, "--json", "--", "cat", "/VERSION");
            JsonNode doc = Json.MAPPER.readTree(asJson.out());
            assertEquals(0, doc.get("exitCode").asInt());
            assertEquals("v1\n", doc.get("stdout").asText());
            assertEquals("blue", doc.get("color").asText());

            // Colors that have no container: the field is named, nothing is created.
            CommandSurfaceTest.Run green = run("exec", "-f", spec, "--color", "green", "--", "true");
            assertEquals(2, green.exit());
            assertTrue(green.err().contains("color green: there is no container " + f.app + "-green"), green.err());
            CommandSurfaceTest.Run previous = run("logs", "-f", spec, "--color", "previous");
            assertEquals(2, previous.exit());
            assertTrue(previous.err().contains("color previous: there is no container " + f.app + "-green"), previous.err());
            assertEquals(1, f.containers().size());
            assertEquals("200 v1 blue", f.answer());

            // --follow ends when the container stops.
            AtomicReference<CommandSurfaceTest.Run> followed = new AtomicReference<>();
            Thread follower = new Thread(() -> followed.set(run("logs", "-f", spec, "--follow")));
            follower.start();
            f.stopByHand("blue");
            follower.join(Duration.ofSeconds(60).toMillis());
            assertFalse(follower.isAlive(), "logs --follow still runs after its container stopped");
            assertEquals(0, followed.get().exit(), followed.get().err());
            assertTrue(followed.get().out().contains("protostar-sample started"), followed.get().out());
        }
    }

    @Test
    void badInputNamesTheFieldAndChangesNothing() throws Exception {
        try (Fixture f = new Fixture(tmp, null)) {
            String spec = f.spec.toString();
            CommandSurfaceTest.Run notLive = run("logs", "-f", spec);
            assertEquals(2, notLive.exit());
            assertTrue(notLive.err().contains("color live: nginx has no route for " + f.app), notLive.err());
            CommandSurfaceTest.Run execNotLive = run("exec", "-f", spec, "--", "true");
            assertEquals(2, execNotLive.exit());
            assertTrue(execNotLive.err().contains("color live: nginx has no route"), execNotLive.err());

            CommandSurfaceTest.Run purple = run("logs", "-f", spec, "--color", "purple");
            assertEquals(2, purple.exit());
            assertTrue(purple.err().contains("--color") && purple.err().contains("\"purple\" is not a color"), purple.err());
            CommandSurfaceTest.Run tail = run("logs", "-f", spec, "--tail", "-1");
            assertEquals(2, tail.exit());
            assertTrue(tail.err().contains("--tail"), tail.err());
            CommandSurfaceTest.Run since = run("logs", "-f", spec, "--since", "yesterday");
            assertEquals(2, since.exit());
            assertTrue(since.err().contains("--since") && since.err().contains("\"yesterday\""), since.err());
            CommandSurfaceTest.Run noCommand = run("exec", "-f", spec);
            assertEquals(2, noCommand.exit());
            assertTrue(noCommand.err().contains("COMMAND"), noCommand.err());

            assertTrue(f.containers().isEmpty(), "nothing was created");
            assertFalse(java.nio.file.Files.exists(f.include()), "no route was written");
        }
    }

    @Test
    void sinceTakesADurationOrATime() {
        Instant now = Instant.parse("2026-12-06T13:00:00Z");
        assertEquals(now.getEpochSecond() - 5400, Since.at("1h30m", now));
        assertEquals(now.getEpochSecond() - 2 * 86400 - 45, Since.at("2d45s", now));
        assertEquals(now.getEpochSecond(), Since.at("2026-12-06T14:00:00+01:00", now));
    }
}
