package dev.protostar.jenkins.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.protostar.core.api.Advice;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bound credentials on the machine that deploys: secret files only its owner reads, removed after; values never shown. */
class BoundCredentialsTest {
    private static final String PASSWORD = "pw-7f3a-never-shown";
    private static final String ENV_FILE = "DATABASE_URL=postgres://app:file-secret-91c2@db/app\nLOG_LEVEL=info\n";

    @TempDir
    Path tmp;

    private final BoundCredentials bound = new BoundCredentials(Map.of("DB_PASSWORD", PASSWORD), Map.of("DB_USER", "app"),
            Map.of("NEST_ENV", new BoundCredentials.SecretFile("nest.env", ENV_FILE.getBytes(StandardCharsets.UTF_8)),
                    "ODD", new BoundCredentials.SecretFile("../../etc/passwd", new byte[] {1, 2, 3})));

    @Test
    void secretFilesAreWrittenForTheirOwnerOnlyAndRemovedOnClose() throws Exception {
        Path dir;
        try (BoundCredentials.Written w = bound.write(tmp.resolve("ws@tmp"))) {
            dir = w.dir();
            Path env = Path.of(w.paths().get("NEST_ENV"));
            assertEquals(ENV_FILE, Files.readString(env));
            assertEquals("nest.env", env.getFileName().toString());
            Path odd = Path.of(w.paths().get("ODD"));
            assertEquals(dir, odd.getParent().getParent(), "a file name with a path in it stays inside: " + odd);
            assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(odd));
            assertTrue(dir.startsWith(tmp.resolve("ws@tmp")), dir.toString());
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
                assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(env)));
            }
            Map<String, String> environment = BoundCredentials.environment(Map.of("PATH", "/usr/bin", "DB_USER", "step's"), bound,
                    w.paths());
            assertEquals(Map.of("PATH", "/usr/bin", "DB_USER", "app", "DB_PASSWORD", PASSWORD, "NEST_ENV", env.toString(),
                    "ODD", odd.toString()), environment, "the credentials win over the step's own variables");
        }
        assertFalse(Files.exists(dir), "removed: " + dir);
        try (Stream<Path> left = Files.list(tmp.resolve("ws@tmp"))) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void withoutFilesNothingIsWritten() throws Exception {
        BoundCredentials noFiles = new BoundCredentials(Map.of("A", PASSWORD), Map.of(), Map.of());
        try (BoundCredentials.Written w = noFiles.write(tmp.resolve("ws@tmp"))) {
            assertEquals(Map.of(), w.paths());
        }
        assertFalse(Files.exists(tmp.resolve("ws@tmp")));
    }

    /** A write that fails half way (here a file whose place cannot be made) removes what it wrote before it. */
    @Test
    void aSecretFileThatCannotBeWrittenLeavesNothingBehind() throws Exception {
        BoundCredentials half = new BoundCredentials(Map.of(), Map.of(), Map.of(
                "GOOD", new BoundCredentials.SecretFile("a.env", ENV_FILE.getBytes(StandardCharsets.UTF_8)),
                "NO/SUCH/DIR", new BoundCredentials.SecretFile("b.env", ENV_FILE.getBytes(StandardCharsets.UTF_8))));
        Path tempDir = tmp.resolve("ws@tmp");
        assertThrows(IOException.class, () -> half.write(tempDir).close());
        try (Stream<Path> left = Files.list(tempDir)) {
            assertEquals(List.of(), left.toList());
        }
        DeployReport r = new DeployCall(null, "job/nest/3/", null, Map.of(), half).run(tmp.resolve("protostar.yml"), null, tempDir,
                List.of(), Advice.COMMAND_LINE, e -> {});
        assertEquals("FAILED_BEFORE_SWITCH", r.outcome());
        assertEquals("spec", r.failedPhase());
        assertTrue(r.error().startsWith("credentials: the secret files could not be written into " + tempDir), r.error());
        assertTrue(r.error().endsWith("nothing on the server changed"), r.error());
    }

    @Test
    void valuesAreNeverShownAndAlwaysMasked() {
        assertEquals("BoundCredentials[DB_PASSWORD, DB_USER, NEST_ENV, ODD]", bound.toString());
        assertEquals(Set.of("DB_PASSWORD", "DB_USER", "NEST_ENV", "ODD"), bound.variables());
        String s = String.valueOf(bound.files());
        assertFalse(s.contains("file-secret"), s);
        var secrets = bound.secrets();
        assertEquals("pw **** url **** user app", secrets.mask("pw " + PASSWORD + " url DATABASE_URL=postgres://app:file-secret-91c2@db/app"
                + " user app"), "a secret file is masked line by line; a username not marked secret is not");
        DeployCall call = new DeployCall(null, "job/nest/1/", null, Map.of(), bound);
        assertFalse(call.toString().contains(PASSWORD) || call.toString().contains("file-secret"), call.toString());
        assertEquals("****", call.masking().apply(PASSWORD));
    }
}
