package dev.protostar.core.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.core.dockerfile.Dockerfile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A context packed uncompressed holds exactly the entries docker-java's own (gzipped) packing holds. */
class ContextTarTest {
    @TempDir
    Path context;

    @BeforeEach
    void layout() throws IOException {
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY . /app/\n");
        Files.writeString(context.resolve("app.js"), "console.log('hi')\n");
        Files.createDirectories(context.resolve("bin"));
        Files.writeString(context.resolve("bin/run.sh"), "#!/bin/sh\nexec node app.js\n");
        Files.setPosixFilePermissions(context.resolve("bin/run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.createDirectories(context.resolve("empty"));
        Files.createDirectories(context.resolve("static/css"));
        Files.write(context.resolve("static/css/site.css"), new byte[70_000]);
        Files.createSymbolicLink(context.resolve("index.js"), Path.of("app.js"));
        Files.createSymbolicLink(context.resolve("public"), Path.of("static"));
        Files.writeString(context.resolve("notes.md"), "kept out\n");
        Files.writeString(context.resolve("KEEP.md"), "let back in\n");
        Files.createDirectories(context.resolve("logs/old"));
        Files.writeString(context.resolve("logs/old/a.log"), "kept out\n");
        Path deep = Files.createDirectories(context.resolve("a".repeat(60) + "/" + "b".repeat(60)));
        Files.writeString(deep.resolve("long-name.txt"), "a name over 100 characters\n");
        Files.writeString(context.resolve(".dockerignore"), "# comments are patterns too, to docker-java\n*.md\n\n!KEEP.md\nlogs\n");
    }

    private static List<String> entries(InputStream tar) throws IOException {
        List<String> out = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(tar)) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.add(e.getName() + " type=" + (e.isSymbolicLink() ? "link:" + e.getLinkName() : e.isDirectory() ? "dir" : "file")
                        + " mode=" + Integer.toOctalString(e.getMode()) + " size=" + e.getSize() + (e.isSymbolicLink() ? "" : " mtime=" + e.getModTime().getTime()) // a link's: when it was packed
                        + " sha=" + HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(in.readAllBytes())));
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private List<String> byDockerJava() throws IOException {
        try (InputStream gz = new Dockerfile(context.resolve("Dockerfile").toFile(), context.toFile()).parse().buildDockerFolderTar()) {
            return entries(new GZIPInputStream(gz));
        }
    }

    private List<String> ours() throws IOException {
        try (InputStream tar = ContextTar.pack(context.toFile(), context.resolve("Dockerfile").toFile())) {
            byte[] bytes = tar.readAllBytes();
            assertFalse(bytes[0] == (byte) 0x1f && bytes[1] == (byte) 0x8b, "not gzipped");
            return entries(new java.io.ByteArrayInputStream(bytes));
        }
    }

    @Test
    void theSameEntriesAsDockerJavaPacksUncompressed() throws IOException {
        List<String> ours = ours();
        assertEquals(byDockerJava(), ours);
        String all = String.join("\n", ours);
        assertTrue(all.contains("KEEP.md type=file"), all);
        assertFalse(all.contains("notes.md"), all);
        assertFalse(all.contains("logs/"), all);
        assertTrue(all.contains("empty/ type=dir"), all);
        assertTrue(all.contains("index.js type=link:app.js"), all);
        assertTrue(all.contains("public/css/site.css type=file"), all); // docker-java walks into a linked directory
        assertTrue(all.contains("bin/run.sh type=file mode=100755"), all);
        assertTrue(all.contains("/long-name.txt type=file"), all);
    }

    @Test
    void aDockerfileThatDockerignoreKeepsOutIsRefusedAlike() throws IOException {
        Files.writeString(context.resolve(".dockerignore"), "Docker*\n");
        DockerClientException theirs = assertThrows(DockerClientException.class, this::byDockerJava);
        DockerClientException mine = assertThrows(DockerClientException.class, this::ours);
        assertEquals(theirs.getMessage(), mine.getMessage());
    }
}
