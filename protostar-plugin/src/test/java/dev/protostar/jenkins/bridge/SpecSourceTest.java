package dev.protostar.jenkins.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecSourceTest {
    @TempDir
    Path root;

    private Path ws;

    @BeforeEach
    void workspace() throws Exception {
        ws = Files.createDirectories(root.resolve("ws"));
    }

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
        SpecSource.Prepared used = new SpecSource(null, null, null, null, null).prepare(ws, tmp());
        assertEquals(new SpecSource.Prepared(ws.resolve("protostar.yml"), null, false), used);
        used.cleanUp();
        assertTrue(Files.exists(used.file()), "the workspace's own spec is never removed");
        assertFalse(Files.exists(tmp()), "nothing was written");
    }

    /** Not in the workspace, which is the Docker build context; relative paths start from the user's spec's directory. */
    @Test
    void defaultsGoIntoATemporaryFileOutsideTheWorkspace() throws Exception {
        Files.createDirectories(ws.resolve("apps/nest"));
        Files.writeString(ws.resolve("apps/nest/protostar.yml"), "app: nest\n");
        SpecSource.Prepared used = new SpecSource("apps/nest/protostar.yml", null, null, "listen: 8080", null).prepare(ws, tmp());
        assertEquals(tmp(), used.file().getParent());
        assertTrue(used.file().getFileName().toString().startsWith("protostar-effective-"), used.toString());
        assertTrue(used.file().getFileName().toString().endsWith("-protostar.yml"), used.toString());
        assertEquals(ws.resolve("apps/nest"), used.baseDir());
        assertTrue(used.temporary());
        assertTrue(Files.readString(used.file()).contains("router:\n  listen: 8080\n"));
        try (Stream<Path> files = Files.walk(ws)) {
            assertEquals(List.of(ws, ws.resolve("apps"), ws.resolve("apps/nest"), ws.resolve("apps/nest/protostar.yml")),
                    files.sorted().toList());
        }
        used.cleanUp();
        assertFalse(Files.exists(used.file()));
    }

    @Test
    void aSharedSpecStandsForOneAtTheWorkspaceRoot() throws Exception {
        SpecSource.Prepared used = new SpecSource(null, "nest", "app: nest\n", null, "path: /health").prepare(ws, tmp());
        assertEquals(tmp(), used.file().getParent());
        assertTrue(used.file().getFileName().toString().startsWith("protostar-shared-"), used.toString());
        assertEquals(ws, used.baseDir(), "relative paths start from the workspace root, as they did");
        assertTrue(Files.readString(used.file()).contains("health:\n  path: /health\n"));
        try (Stream<Path> files = Files.list(ws)) {
            assertEquals(0, files.count());
        }
        used.cleanUp();
        assertFalse(Files.exists(used.file()));
    }

    /** Parallel branches in one workspace each get their own file. */
    @Test
    void eachPreparationWritesItsOwnFile() throws Exception {
        SpecSource shared = new SpecSource(null, "nest", "app: nest\n", null, "path: /health");
        assertNotEquals(shared.prepare(ws, tmp()).file(), shared.prepare(ws, tmp()).file());
    }

    @Test
    void aMissingSpecIsLeftForTheEngineToReport() throws Exception {
        SpecSource.Prepared used = new SpecSource(null, null, null, "listen: 8080", null).prepare(ws, tmp());
        assertEquals(ws.resolve("protostar.yml"), used.file());
        assertFalse(used.temporary());
    }

    /** The engine's references to the temporary file come out as the user's spec, or the global default, and its line. */
    @Test
    void messagesNameTheSpecOrTheDefaultNotTheTemporaryFile() throws Exception {
        Files.writeString(ws.resolve("protostar.yml"), "app: nest\nport: 3000\n");
        SpecSource source = new SpecSource(null, null, null, "    listen: 99999\n", null);
        SpecSource.Prepared used = source.prepare(ws, tmp());
        var words = source.readable(used);
        String temp = used.file().getFileName().toString();
        assertEquals("protostar.yml:2:7: port: bad", words.apply(temp + ":2:7: port: bad"));
        assertEquals("Router defaults, line 1, column 13: router.listen: bad", words.apply(temp + ":5:11: router.listen: bad"));
        assertEquals("there is no spec file at protostar.yml", words.apply("there is no spec file at " + used.file()));
        SpecSource shared = new SpecSource(null, "legacy", "app: legacy\n", null, null);
        SpecSource.Prepared sharedFile = shared.prepare(ws, tmp());
        String name = sharedFile.file().getFileName().toString();
        assertEquals("shared spec legacy:1:6: app: bad", shared.readable(sharedFile).apply(name + ":1:6: app: bad"));
    }

    /** The workspace's {@code @tmp} sibling, as core's {@code WorkspaceList.tempDir} names it. */
    private Path tmp() {
        return ws.resolveSibling(ws.getFileName() + "@tmp");
    }
}
