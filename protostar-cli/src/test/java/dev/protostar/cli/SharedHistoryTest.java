package dev.protostar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.docker.Archive;
import dev.protostar.core.state.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, points 6 and 7, as users meet them: two machines (each its own working copy and state
 * directory) deploy the same app and see one history; torn records on the engine are skipped and named
 * while history, status and verify go on working.
 */
class SharedHistoryTest {
    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {}

    private static synchronized Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try (PrintStream co = new PrintStream(o, true, StandardCharsets.UTF_8); PrintStream ce = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            System.setOut(co);
            System.setErr(ce);
            int exit = Protostar.commandLine().execute(args);
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** The same repository checked out on another machine, whose spec names its own state directory. */
    private static Path checkout(Path from, Path to, Path stateDir) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Path spec = to.resolve("protostar.yml");
        String text = Files.readString(spec);
        Files.writeString(spec, text.replace("\n  includeDir: ", "\n  stateDir: " + stateDir + "\n  includeDir: "));
        return spec;
    }

    @Test
    void twoMachinesShareOneHistoryAndTornRecordsAreSkipped() throws Exception {
        try (Fixture f = new Fixture(tmp.resolve("agent"), null)) {
            String agent = checkout(f.source, tmp.resolve("agent-checkout"), tmp.resolve("agent-state")).toString();
            String laptop = checkout(f.source, tmp.resolve("laptop-checkout"), tmp.resolve("laptop-state")).toString();

            assertEquals(0, run("deploy", "-f", agent, "--owner", "jenkins-agent-1").exit());
            dev.protostar.cli.demo.SampleApp.setVersion(tmp.resolve("agent-checkout"), "v2");
            Run second = run("deploy", "-f", agent, "--owner", "jenkins-agent-1");
            assertEquals(0, second.exit(), second.out());
            Run rollback = run("switch", "-f", laptop, "--to", "previous", "--owner", "ann-laptop");
            assertEquals(0, rollback.exit(), rollback.out());

            // Before, the agent's history said green was live: verify reported drift. Now both see the laptop's switch.
            for (String machine : new String[] {agent, laptop}) {
                Run verify = run("verify", "-f", machine);
                assertEquals(0, verify.exit(), verify.out());
                Run history = run("history", "--json", "-f", machine);
                assertEquals(0, history.exit(), history.err());
                JsonNode entries = Json.MAPPER.readTree(history.out());
                assertEquals(3, entries.size(), history.out());
                assertEquals("ann-laptop", entries.get(2).get("owner").asText());
                assertEquals("switch", entries.get(2).get("action").asText());
                assertEquals("blue", entries.get(2).get("color").asText());
                assertEquals(Fixture.DOCKER, entries.get(2).get("host").asText());
            }
            for (String state : new String[] {"agent-state", "laptop-state"}) {
                assertFalse(Files.exists(tmp.resolve(state).resolve(f.app + ".history.jsonl")), "nothing is kept on a machine");
            }

            // A write torn on its way to the engine (the process died, the disk filled): the engine keeps the part that came.
            String container = "protostar-state-" + f.app;
            String torn = "{\"seq\":4,\"entry\":{\"id\":\"20260101-000000-beef\",\"owner\":\"J\u00fcrgen \u2192";
            byte[] bytes = torn.getBytes(StandardCharsets.UTF_8);
            byte[] tar = Archive.tar("history/9.json", Arrays.copyOf(bytes, bytes.length + 100), 0600);
            byte[] cut = Arrays.copyOf(tar, 1024 + bytes.length - 2); // inside the arrow's three bytes
            assertThrows(RuntimeException.class, () -> f.docker.run("a torn copy", Duration.ofSeconds(30), () -> f.docker.client()
                    .copyArchiveToContainerCmd(container).withTarInputStream(new ByteArrayInputStream(cut)).withRemotePath("/state").exec()));
            Archive.putAll(f.docker, container, "/state", Map.of("history/8.json", "\u0000\u00ff garbage {".getBytes(StandardCharsets.ISO_8859_1)), 0600);

            Run history = run("history", "-f", agent);
            assertEquals(0, history.exit(), history.out() + history.err());
            assertTrue(history.out().contains("ann-laptop"), history.out());
            assertEquals(5, history.out().lines().count(), "a header, the three records and what ✓ means: " + history.out());
            assertTrue(history.err().contains("damaged history record of " + f.app + " on " + Fixture.DOCKER + ": history/9.json: not a whole JSON record"),
                    history.err());
            assertTrue(history.err().contains("history/8.json: "), history.err());

            Run status = run("status", "-f", laptop);
            assertEquals(0, status.exit(), status.out() + status.err());
            assertTrue(status.out().contains(f.app + ": blue is live"), status.out());
            assertFalse(status.out().contains("drift"), status.out());
            Run verify = run("verify", "-f", agent);
            assertEquals(0, verify.exit(), verify.out());
            assertTrue(verify.out().contains("damaged history record"), verify.out());

            // and the next deploy files its record past them
            dev.protostar.cli.demo.SampleApp.setVersion(tmp.resolve("laptop-checkout"), "v3");
            assertEquals(0, run("deploy", "-f", laptop, "--owner", "ann-laptop").exit());
            JsonNode after = Json.MAPPER.readTree(run("history", "--json", "-f", agent).out());
            assertEquals(4, after.size());
            assertEquals(Outcome.SUCCEEDED.name(), after.get(3).get("outcome").asText());
            assertEquals("green", after.get(3).get("color").asText());
        }
    }
}
