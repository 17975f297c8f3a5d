package dev.protostar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.protostar.core.state.EngineLock;
import dev.protostar.core.state.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The protostar command as a user runs it: exit codes, progress lines, JSON. */
class CliTest {
    @TempDir
    Path tmp;

    record Run(int exit, String out) {}

    private static synchronized Run run(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            CommandLine cl = Protostar.commandLine();
            cl.setErr(new PrintWriter(err, true));
            int exit = cl.execute(args);
            return new Run(exit, bytes.toString(StandardCharsets.UTF_8) + err);
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void deployStatusHistoryVerifyAndSwitch() throws Exception {
        try (Fixture f = new Fixture(tmp, null)) {
            String spec = f.spec.toString();
            Run deploy = run("deploy", "-f", spec, "--owner", "cli-test");
            assertEquals(0, deploy.exit(), deploy.out());
            assertTrue(deploy.out().matches("(?s).*✓ build +\\d+\\.\\d\\d s.*✓ gate +\\d+\\.\\d\\d s.*✓ switch.*"), deploy.out());
            assertTrue(deploy.out().contains(f.app + ": blue is live"), deploy.out());

            Run status = run("status", "--json", "-f", spec);
            assertEquals(0, status.exit(), status.out());
            JsonNode json = Json.MAPPER.readTree(status.out());
            assertEquals("blue", json.get("live").asText());
            assertEquals("blue", json.get("answering").asText());
            assertEquals("absent", json.get("colors").get(1).get("state").asText());
            assertEquals(Fixture.DOCKER, json.get("hosts").get(0).get("host").asText());
            assertEquals(0, json.get("problems").size(), status.out());

            Run history = run("history", "--json", "-f", spec);
            JsonNode entries = Json.MAPPER.readTree(history.out());
            assertEquals(1, entries.size());
            assertEquals("cli-test", entries.get(0).get("owner").asText());
            assertTrue(entries.get(0).get("phases").has("gate"));

            assertEquals(0, run("verify", "-f", spec).exit());
            Run noPrevious = run("switch", "-f", spec, "--to", "previous");
            assertEquals(1, noPrevious.exit(), noPrevious.out());
            assertTrue(noPrevious.out().contains("nothing was switched, blue is still live"), noPrevious.out());

            // The live container is gone: nginx can only answer 502, and status says so and exits 1.
            f.removeByHand("blue");
            Run broken = run("status", "-f", spec);
            assertEquals(1, broken.exit(), broken.out());
            assertTrue(broken.out().contains("its container " + f.app + "-blue is gone"), broken.out());
            assertTrue(broken.out().contains("wrong (listed above); status changed nothing"), broken.out());
            assertFalse(broken.out().contains("switch --to green"), "green has no container: " + broken.out());
            Run brokenJson = run("status", "--json", "-f", spec);
            assertEquals(1, brokenJson.exit(), brokenJson.out());
            JsonNode problems = Json.MAPPER.readTree(brokenJson.out()).get("problems");
            assertTrue(problems.size() > 0 && problems.toString().contains("is gone"), brokenJson.out());
        }
    }

    /** Each command's result as one JSON document on stdout, with the progress on stderr. */
    @Test
    void everyResultAsJsonAndQuietly() throws Exception {
        try (Fixture f = new Fixture(tmp, null)) {
            String spec = f.spec.toString();
            CommandSurfaceTest.Run deploy = CommandSurfaceTest.run("deploy", "-f", spec, "--owner", "cli-test", "--json");
            assertEquals(0, deploy.exit(), deploy.err());
            JsonNode result = Json.MAPPER.readTree(deploy.out());
            assertEquals("SUCCEEDED", result.get("outcome").asText(), deploy.out());
            assertEquals("blue", result.get("color").asText());
            assertTrue(result.get("phases").has("gate"), deploy.out());
            assertTrue(deploy.err().contains("✓ gate"), deploy.err());

            CommandSurfaceTest.Run verify = CommandSurfaceTest.run("verify", "-f", spec, "--json");
            assertEquals(0, verify.exit(), verify.err());
            assertEquals(0, Json.MAPPER.readTree(verify.out()).get("problems").size(), verify.out());

            CommandSurfaceTest.Run lock = CommandSurfaceTest.run("lock", "status", "-f", spec, "--json");
            assertEquals(0, lock.exit(), lock.err());
            assertFalse(Json.MAPPER.readTree(lock.out()).get(0).get("locked").asBoolean(), lock.out());

            CommandSurfaceTest.Run noPrevious = CommandSurfaceTest.run("switch", "-f", spec, "--json");
            assertEquals(1, noPrevious.exit(), noPrevious.err());
            assertEquals("FAILED_BEFORE_SWITCH", Json.MAPPER.readTree(noPrevious.out()).get("outcome").asText(), noPrevious.out());

            CommandSurfaceTest.Run quiet = CommandSurfaceTest.run("deploy", "-f", spec, "--quiet");
            assertEquals(0, quiet.exit(), quiet.out() + quiet.err());
            assertEquals("", quiet.out(), "a deploy that went well says nothing with --quiet");

            CommandSurfaceTest.Run history = CommandSurfaceTest.run("history", "-f", spec);
            assertEquals(0, history.exit(), history.err());
            assertTrue(history.out().lines().allMatch(l -> l.length() <= 100), history.out());
            assertTrue(history.out().contains("cli-test"), history.out());
        }
    }

    /** A gate that waits says so, with what the app answered last, instead of silence until its deadline. */
    @Test
    void aWaitingGateSaysSoWithTheLastAnswer() throws Exception {
        try (Fixture f = new Fixture(tmp, null)) {
            // A version that never serves /health (busybox httpd answers 404), gated by its own checks only, for 15 s.
            Files.writeString(f.spec, Files.readString(f.spec).replace("  deadline: 30s\n", "  deadline: 15s\n  dockerHealthcheck: false\n"));
            dev.protostar.cli.demo.SampleApp.setVersion(f.source, "v1-unhealthy");
            CommandSurfaceTest.Run deploy = CommandSurfaceTest.run("deploy", "-f", f.spec.toString());
            assertEquals(1, deploy.exit(), deploy.out());
            assertTrue(deploy.out().matches("(?s).*\n      gate: \\d+ s, last answer 404 .*✗ gate.*"), deploy.out());
        }
    }

    @Test
    void aBadSpecExitsWithTheFieldAndLine() throws Exception {
        Path spec = tmp.resolve("protostar.yml");
        Files.writeString(spec, "app: nest\nport: 3000\nhealth:\n  intervall: 1s\n");
        Run status = run("status", "-f", spec.toString());
        assertEquals(2, status.exit());
        assertTrue(status.out().contains("protostar.yml:4:3: health.intervall: unknown field in health"), status.out());

        Run deploy = run("deploy", "-f", spec.toString());
        assertEquals(2, deploy.exit());
        assertTrue(deploy.out().contains("health.intervall: unknown field"), deploy.out());
        assertTrue(deploy.out().contains("Nothing on the server was changed."), deploy.out());

        Run missing = run("status", "-f", tmp.resolve("nope.yml").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.out().contains("there is no spec file at"), missing.out());

        Run badTo = run("switch", "-f", spec.toString(), "--to", "purple");
        assertEquals(2, badTo.exit());
        assertTrue(badTo.out().contains("--to must be previous, blue or green"), badTo.out());
    }

    @Test
    void lockStatusNamesTheHolderAndReleaseFreesIt() throws Exception {
        try (Fixture f = new Fixture(tmp, null)) {
            String spec = f.spec.toString();
            Run free = run("lock", "status", "-f", spec);
            assertEquals(0, free.exit(), free.out());
            assertTrue(free.out().contains("not locked"), free.out());

            EngineLock stale = EngineLock.acquire(f.docker, f.app, "https://ci.example/job/nest/41/", java.time.Duration.ofMinutes(5));
            Run held = run("lock", "status", "-f", spec);
            assertEquals(1, held.exit(), held.out());
            assertTrue(held.out().contains("locked by https://ci.example/job/nest/41/"), held.out());

            Run other = run("lock", "release", "--holder", "https://ci.example/job/nest/40/", "-f", spec);
            assertEquals(1, other.exit(), other.out());
            assertTrue(other.out().contains("not released: the lock is held by https://ci.example/job/nest/41/"), other.out());
            assertTrue(stale.stillHeld(), "a lock that names another holder stays");

            Run released = run("lock", "release", "--holder", "https://ci.example/job/nest/41/", "-f", spec);
            assertEquals(0, released.exit(), released.out());
            assertTrue(released.out().contains("released the lock held by https://ci.example/job/nest/41/"), released.out());
            assertEquals(0, run("lock", "status", "-f", spec).exit());
            stale.close(); // its own release now finds nothing of its own and leaves the engine alone
            assertEquals(0, run("deploy", "-f", spec).exit());
        }
    }
}
