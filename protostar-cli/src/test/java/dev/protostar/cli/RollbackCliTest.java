package dev.protostar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.state.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** protostar rollback against the real Docker engine and nginx: back to a kept version, and a refusal once keepImages removed it. */
class RollbackCliTest {
    @TempDir
    Path tmp;

    private static JsonNode history(String spec) throws Exception {
        CommandSurfaceTest.Run r = CommandSurfaceTest.run("history", "--json", "-f", spec);
        assertEquals(0, r.exit(), r.err());
        return Json.MAPPER.readTree(r.out());
    }

    private static JsonNode entry(JsonNode history, String id) {
        for (JsonNode e : history) {
            if (id.equals(e.get("id").asText())) {
                return e;
            }
        }
        throw new AssertionError("no entry " + id + " in " + history);
    }

    @Test
    void backToTheFirstOfThreeVersionsThenRefusedOnceKeepImagesRemovedIt() throws Exception {
        try (Fixture f = new Fixture(tmp, "retire:\n  drain: 0s\n  keepImages: 3\n")) {
            String spec = f.spec.toString();
            List<String> ids = new ArrayList<>();
            for (String v : List.of("v1", "v2", "v3")) {
                DeployResult r = f.deploy(v);
                assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
                ids.add(history(spec).get(history(spec).size() - 1).get("id").asText());
            }
            assertEquals("200 v3 blue", f.answer());
            JsonNode before = history(spec);
            assertTrue(entry(before, ids.get(0)).get("canRollBack").asBoolean(), "v1's image is kept: " + before);

            CommandSurfaceTest.Run text = CommandSurfaceTest.run("history", "-f", spec);
            assertTrue(text.out().lines().anyMatch(l -> l.startsWith(ids.get(0) + " ✓ deploy")), text.out());
            assertTrue(text.out().lines().allMatch(l -> l.codePointCount(0, l.length()) <= 100), text.out());

            CommandSurfaceTest.Run back = CommandSurfaceTest.run("rollback", "-f", spec, "--to", ids.get(0), "--owner", "ann");
            assertEquals(0, back.exit(), back.out() + back.err());
            assertTrue(back.out().contains("rolling back to deploy " + ids.get(0)), back.out());
            assertTrue(back.out().contains("✓ gate"), "health-gated: " + back.out());
            assertTrue(back.out().contains(f.app + ": green is live"), back.out());
            assertEquals("200 v1 green", f.answer());

            JsonNode after = history(spec);
            JsonNode rollback = after.get(after.size() - 1);
            assertEquals("rollback", rollback.get("action").asText());
            assertEquals("SUCCEEDED", rollback.get("outcome").asText());
            assertEquals(ids.get(0), rollback.get("rollbackOf").asText());
            assertEquals("ann", rollback.get("owner").asText());
            assertEquals(entry(after, ids.get(0)).get("imageId").asText(), rollback.get("imageId").asText());
            assertEquals("v1", rollback.get("revision").asText(), "the revision that runs again");

            // Two more versions: keepImages (3) removes v1's and v2's images once no container uses them.
            assertEquals(Outcome.SUCCEEDED, f.deploy("v4").outcome());
            assertEquals(Outcome.SUCCEEDED, f.deploy("v5").outcome());
            assertEquals("200 v5 green", f.answer());
            JsonNode pruned = history(spec);
            assertFalse(entry(pruned, ids.get(0)).get("canRollBack").asBoolean(), pruned.toString());
            assertTrue(entry(pruned, ids.get(0)).get("whyNot").asText().contains("retire.keepImages"), pruned.toString());
            String include = Files.readString(f.include());

            CommandSurfaceTest.Run refused = CommandSurfaceTest.run("rollback", "-f", spec, "--to", ids.get(0));
            assertEquals(1, refused.exit(), refused.out() + refused.err());
            assertTrue(refused.out().contains("to: the image of deploy " + ids.get(0)), refused.out());
            assertTrue(refused.out().contains("is no longer on " + Fixture.DOCKER + ": retire.keepImages (3) removed it"), refused.out());
            assertTrue(refused.out().contains("Nothing on the server was changed"), refused.out());
            assertEquals("200 v5 green", f.answer());
            assertEquals(include, Files.readString(f.include()), "nginx's route is as it was");
            assertEquals(pruned.size(), history(spec).size(), "a refused rollback records nothing");

            CommandSurfaceTest.Run unknown = CommandSurfaceTest.run("rollback", "-f", spec, "--to", "no-such-tag", "--json");
            assertEquals(2, unknown.exit(), unknown.err());
            assertTrue(Json.MAPPER.readTree(unknown.out()).get("error").asText()
                    .startsWith("to: no version in the history of " + f.app + " has the tag \"no-such-tag\""), unknown.out());

            CommandSurfaceTest.Run previous = CommandSurfaceTest.run("rollback", "-f", spec);
            assertEquals(0, previous.exit(), previous.out() + previous.err());
            assertEquals("200 v4 blue", f.answer(), "without --to: the version before the live one");
        }
    }
}
