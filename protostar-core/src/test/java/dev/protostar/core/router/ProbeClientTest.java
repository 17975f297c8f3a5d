package dev.protostar.core.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nginx container's HTTP client is found in one exec: curl first, then wget, along the exec's PATH. */
class ProbeClientTest {
    @TempDir
    Path tmp;

    private String found(String path) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", ContainerPath.FIND_CLIENT).directory(tmp.toFile());
        pb.environment().put("PATH", path);
        Process p = pb.start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        return (p.exitValue() + " " + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).strip();
    }

    private Path tool(String dir, String name, String mode) throws Exception {
        Path d = Files.createDirectories(tmp.resolve(dir));
        Path t = d.resolve(name);
        Files.writeString(t, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(t, PosixFilePermissions.fromString(mode));
        return d;
    }

    @Test
    void curlBeforeWgetInAnyDirectoryOfThePath() throws Exception {
        Path a = tool("a", "wget", "rwxr-xr-x");
        Path b = tool("b", "curl", "rwxr-xr-x");
        assertEquals("0 curl", found(a + ":" + b));
        assertEquals("0 wget", found(a.toString()));
    }

    @Test
    void aFileThatIsNotExecutableOrADirectoryDoesNotCount() throws Exception {
        Path a = tool("a", "curl", "rw-r--r--");
        Files.createDirectories(tmp.resolve("b/wget"));
        assertEquals("3", found(a + ":" + tmp.resolve("b")));
        Path c = tool("c", "wget", "rwxr-xr-x");
        assertEquals("0 wget", found(a + ":" + tmp.resolve("b") + ":" + c));
    }
}
