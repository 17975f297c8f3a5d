package dev.protostar.core.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.spec.AppSpec;
import dev.protostar.core.spec.SpecParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A repository whose build context holds symlinks, built with the real engine. */
class BuildContextSymlinkTest {
    @TempDir
    Path dir;

    private final String image = "protostar-ctx-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
    private final List<String> built = new ArrayList<>();
    private Docker docker;
    private Path repo;
    private Path context;

    @BeforeEach
    void layout() throws IOException {
        docker = Docker.connect("unix:///var/run/docker.sock");
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "outside the repository\n");
        repo = Files.createDirectories(dir.resolve("repo"));
        context = Files.createDirectories(repo.resolve("app"));
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY . /ctx/\n");
        Files.createDirectories(context.resolve("static"));
        Files.writeString(context.resolve("static/index.html"), "hello\n");
        Files.writeString(repo.resolve("protostar.yml"), "app: " + image + "\nport: 8080\nbuild: { context: app }\n"
                + "router: { listen: 127.0.0.1:18999 }\n");
    }

    @AfterEach
    void clean() {
        for (String id : built) {
            new Images(docker).remove(id);
        }
        docker.close();
    }

    private AppSpec spec() {
        return SpecParser.parse(repo.resolve("protostar.yml"));
    }

    private Images.Image build() {
        Images.Image i = new Images(docker).build(spec(), "t1", Map.of(), Duration.ofMinutes(2), line -> {});
        built.add(i.id());
        return i;
    }

    private boolean imageExists() {
        return docker.call("list images", Duration.ofSeconds(30), () -> docker.client().listImagesCmd().exec()).stream()
                .filter(i -> i.getRepoTags() != null)
                .anyMatch(i -> java.util.Arrays.stream(i.getRepoTags()).anyMatch(t -> t.startsWith(image + ":")));
    }

    @Test
    void aSymlinkedDirectoryLeadingOutsideIsRefusedAndNothingIsBuilt() throws IOException {
        Files.createSymbolicLink(context.resolve("static/vendor"), dir.resolve("outside"));
        DockerException e = assertThrows(DockerException.class, this::build);
        assertTrue(e.getMessage().startsWith("build.context: static/vendor in "), e.getMessage());
        assertTrue(e.getMessage().contains("outside the build context"), e.getMessage());
        assertTrue(e.getMessage().contains("Nothing was built"), e.getMessage());
        assertFalse(imageExists(), "no image was built");
    }

    @Test
    void aSymlinkedDirectoryLeadingToTheRepositoryButOutsideTheContextIsRefused() throws IOException {
        Files.createDirectories(repo.resolve("shared"));
        Files.writeString(repo.resolve("shared/key.pem"), "not for the image\n");
        Files.createSymbolicLink(context.resolve("shared"), Path.of("../shared"));
        DockerException e = assertThrows(DockerException.class, this::build);
        assertTrue(e.getMessage().startsWith("build.context: shared in "), e.getMessage());
        assertFalse(imageExists(), "no image was built");
    }

    @Test
    void aSymlinkToAnAncestorIsRefusedInsteadOfPackedWithoutEnd() throws IOException {
        Files.createSymbolicLink(context.resolve("static/loop"), Path.of(".."));
        DockerException e = assertThrows(DockerException.class, this::build);
        assertTrue(e.getMessage().startsWith("build.context: static/loop in "), e.getMessage());
        assertTrue(e.getMessage().contains("contains it"), e.getMessage());
        assertFalse(imageExists(), "no image was built");
    }

    @Test
    void aLinkLeadingOutsideIsRefusedAlsoWhereDockerignoreNamesIt() throws IOException {
        Files.createDirectories(context.resolve("node_modules"));
        Files.createSymbolicLink(context.resolve("node_modules/shared"), dir.resolve("outside"));
        Files.writeString(context.resolve(".dockerignore"), "node_modules\n");
        DockerException e = assertThrows(DockerException.class, this::build);
        assertTrue(e.getMessage().startsWith("build.context: node_modules/shared in "), e.getMessage());
        assertFalse(imageExists(), "no image was built");
    }

    @Test
    void withoutTheCheckDockerignoreWouldNotHaveKeptTheOutsideFileOut() throws IOException {
        // Why a .dockerignore is no excuse: docker-java still packs the file behind the link.
        Files.createDirectories(context.resolve("node_modules"));
        Files.createSymbolicLink(context.resolve("node_modules/shared"), dir.resolve("outside"));
        Files.writeString(context.resolve(".dockerignore"), "node_modules\n");
        assertTrue(packedByDockerJava().contains("node_modules/shared/secret.txt"));
    }

    @Test
    void aDockerignoreIsHonoured() throws IOException {
        Files.writeString(context.resolve(".dockerignore"), "*.md\n");
        Files.writeString(context.resolve("notes.md"), "not for the image\n");
        Images.Image i = build();
        String listing = listing(i.id());
        assertTrue(listing.contains("ctx/static/index.html"), listing);
        assertFalse(listing.contains("notes.md"), listing);
    }

    @Test
    void aDockerfileInASubdirectoryBuilds() throws IOException {
        Files.createDirectories(context.resolve("docker"));
        Files.writeString(context.resolve("docker/Dockerfile"), "FROM scratch\nCOPY static /ctx/static/\n");
        Files.writeString(repo.resolve("protostar.yml"), "app: " + image + "\nport: 8080\nbuild: { context: app, dockerfile: docker/Dockerfile }\n"
                + "router: { listen: 127.0.0.1:18999 }\n");
        Images.Image i = build();
        assertTrue(listing(i.id()).contains("ctx/static/index.html"), listing(i.id()));
    }

    @Test
    void aDockerignoreThatKeepsTheDockerfileOutIsTheContextsErrorNotTheEnginesAndNothingIsBuilt() throws IOException {
        Files.writeString(context.resolve(".dockerignore"), "Dockerfile\n");
        DockerException e = assertThrows(DockerException.class, this::build);
        assertTrue(e.getMessage().startsWith("build.context "), e.getMessage());
        assertTrue(e.getMessage().contains("Dockerfile is excluded by pattern 'Dockerfile'"), e.getMessage());
        assertFalse(e.unreachable(), "the engine answered nothing wrong: " + e.getMessage());
        assertFalse(imageExists(), "no image was built");
    }

    @Test
    void symlinksThatStayInsideTheContextBuild() throws IOException {
        Files.createSymbolicLink(context.resolve("public"), Path.of("static"));
        Files.createSymbolicLink(context.resolve("index.html"), Path.of("static/index.html"));
        // a link to a file is sent as a link, never its target's content: allowed, as with Docker's CLI
        Files.createSymbolicLink(context.resolve("hosts"), Path.of("/etc/hosts"));
        Images.Image i = build();
        assertTrue(i.id().startsWith("sha256:"), i.id());
        assertTrue(imageExists(), "the check for a built image sees this one");
        String listing = listing(i.id());
        assertTrue(listing.contains("ctx/public/index.html"), listing);
        assertFalse(listing.contains("secret"), listing);
    }

    /** The image's files, read by exporting a container made from it (never started). */
    private String listing(String imageId) {
        String c = docker.call("create container", Duration.ofSeconds(30),
                () -> docker.client().createContainerCmd(imageId).withCmd("none").exec().getId());
        try {
            return docker.call("export container", Duration.ofSeconds(60), () -> {
                StringBuilder names = new StringBuilder();
                try (var in = docker.client().copyArchiveFromContainerCmd(c, "/ctx").exec();
                     var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(in)) {
                    for (var e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                        names.append(e.getName()).append('\n');
                    }
                }
                return names.toString();
            });
        } finally {
            docker.run("remove container", Duration.ofSeconds(30), () -> docker.client().removeContainerCmd(c).withForce(true).exec());
        }
    }

    @Test
    void withoutTheCheckTheOutsideFileWouldHaveGoneIn() throws IOException {
        // The check is what stops it: docker-java's own packing follows the link.
        Files.createSymbolicLink(context.resolve("static/vendor"), dir.resolve("outside"));
        assertTrue(packedByDockerJava().contains("static/vendor/secret.txt"), "docker-java packs the linked directory's files");
    }

    /** The names in the tar docker-java makes of the context, one a line. */
    private String packedByDockerJava() throws IOException {
        var scanned = new com.github.dockerjava.core.dockerfile.Dockerfile(context.resolve("Dockerfile").toFile(), context.toFile()).parse();
        StringBuilder names = new StringBuilder();
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
                new org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream(scanned.buildDockerFolderTar()))) {
            for (var e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                names.append(e.getName()).append('\n');
            }
        }
        return names.toString();
    }
}
