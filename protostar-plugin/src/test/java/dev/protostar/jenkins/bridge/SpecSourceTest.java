package dev.protostar.jenkins.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecSourceTest {
    @TempDir
    Path ws;

    @Test
    void theDefaultIsProtostarYml() {
        assertEquals(ws.resolve("protostar.yml"), new SpecSource(null, null, null, null, null).locate(ws));
        assertEquals(ws.resolve("apps/nest/protostar.yml"), new SpecSource(" apps/nest/protostar.yml ", null, null, null, null).locate(ws));
    }

    @Test
    void theSpecMayNotLeaveTheWorkspace() {
        assertNotNull(SpecSource.pathProblem("/etc/protostar.yml"));
        assertNotNull(SpecSource.pathProblem("../other/protostar.yml"));
        assertNotNull(SpecSource.pathProblem("apps/../../protostar.yml"));
        assertNull(SpecSource.pathProblem("apps/../protostar.yml"));
        assertNull(SpecSource.pathProblem(null));
        assertThrows(IllegalArgumentException.class, () -> new SpecSource("../x.yml", null, null, null, null).locate(ws));
    }

    @Test
    void withoutDefaultsTheWorkspaceFileIsUsedAsItIs() throws Exception {
        Files.writeString(ws.resolve("protostar.yml"), "app: nest\n");
        Path used = new SpecSource(null, null, null, null, null).prepare(ws);
        assertEquals(ws.resolve("protostar.yml"), used);
        SpecSource.cleanUp(used);
        assertTrue(Files.exists(used), "the workspace's own spec is never removed");
    }

    @Test
    void defaultsGoIntoATemporaryFileNextToTheSpec() throws Exception {
        Files.createDirectories(ws.resolve("apps/nest"));
        Files.writeString(ws.resolve("apps/nest/protostar.yml"), "app: nest\n");
        Path used = new SpecSource("apps/nest/protostar.yml", null, null, "listen: 8080", null).prepare(ws);
        assertEquals(ws.resolve("apps/nest/.protostar-effective-protostar.yml"), used);
        assertTrue(Files.readString(used).contains("router:\n  listen: 8080\n"));
        SpecSource.cleanUp(used);
        assertFalse(Files.exists(used));
    }

    @Test
    void aSharedSpecIsWrittenAtTheWorkspaceRoot() throws Exception {
        Path used = new SpecSource(null, "nest", "app: nest\n", null, "path: /health").prepare(ws);
        assertEquals(ws.resolve(".protostar-shared-nest.yml"), used);
        assertTrue(Files.readString(used).contains("health:\n  path: /health\n"));
        SpecSource.cleanUp(used);
        assertFalse(Files.exists(used));
    }

    @Test
    void aMissingSpecIsLeftForTheEngineToReport() throws Exception {
        Path used = new SpecSource(null, null, null, "listen: 8080", null).prepare(ws);
        assertEquals(ws.resolve("protostar.yml"), used);
    }

    /** The engine's references to the temporary file come out as the user's spec, or the global default, and its line. */
    @Test
    void messagesNameTheSpecOrTheDefaultNotTheTemporaryFile() throws Exception {
        Files.writeString(ws.resolve("protostar.yml"), "app: nest\nport: 3000\n");
        SpecSource source = new SpecSource(null, null, null, "    listen: 99999\n", null);
        Path used = source.prepare(ws);
        var words = source.readable(used, SpecSource.textOf(used));
        String temp = used.getFileName().toString();
        assertEquals("protostar.yml:2:7: port: bad", words.apply(temp + ":2:7: port: bad"));
        assertEquals("Router defaults, line 1, column 13: router.listen: bad", words.apply(temp + ":5:11: router.listen: bad"));
        assertEquals("there is no spec file at protostar.yml", words.apply("there is no spec file at " + temp));
        SpecSource shared = new SpecSource(null, "legacy", "app: legacy\n", null, null);
        Path sharedFile = ws.resolve(".protostar-shared-legacy.yml");
        assertEquals("shared spec legacy:1:6: app: bad", shared.readable(sharedFile, "app: legacy\n").apply(".protostar-shared-legacy.yml:1:6: app: bad"));
    }
}
