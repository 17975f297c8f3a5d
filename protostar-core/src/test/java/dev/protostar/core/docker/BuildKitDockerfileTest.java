package dev.protostar.core.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.spec.SpecParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Dockerfile that needs BuildKit fails at once with the way out, found up front or from the classic builder's own error. */
class BuildKitDockerfileTest {
    @TempDir
    Path dir;

    private final String app = "tregistry" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30, 1L << 31), 36);

    @Test
    void theScanFindsBuildKitFlagsAndNothingElse() throws Exception {
        assertEquals(Optional.of("line 3: RUN --mount"), scan("FROM scratch\n# RUN --mount in a comment\nRUN --mount=type=cache,target=/root/.npm npm ci\n"));
        assertEquals(Optional.of("line 2: COPY --link"), scan("FROM scratch\ncopy --chown=1:1 --link a /a\n"));
        assertEquals(Optional.of("line 2: RUN --network"), scan("FROM scratch\nRUN --network=none make\n"));
        assertEquals(Optional.empty(), scan("FROM scratch\nRUN echo --mount=type=cache\nCOPY --chown=1:1 a /a\n"));
    }

    @Test
    void runMountIsRefusedBeforeTheBuildNamingTheWayOut() throws Exception {
        DockerException e = build("FROM scratch\nRUN --mount=type=cache,target=/x [\"/bin/busybox\", \"true\"]\n");
        assertTrue(e.getMessage().startsWith("build.dockerfile ") && e.getMessage().contains("needs BuildKit (line 2: RUN --mount)"),
                e.getMessage());
        wayOut(e);
    }

    @Test
    void theClassicBuildersRequiresBuildKitErrorNamesTheWayOutToo() throws Exception {
        // A continuation line hides the flag from the scan: the engine's own error is recognised.
        DockerException e = build("FROM scratch\nRUN \\\n  --mount=type=cache,target=/x [\"/bin/busybox\", \"true\"]\n");
        assertTrue(e.getMessage().contains("the --mount option requires BuildKit"), e.getMessage());
        wayOut(e);
    }

    private static void wayOut(DockerException e) {
        assertTrue(e.getMessage().contains("docker buildx build --push") && e.getMessage().contains("--image ")
                && e.getMessage().contains("Nothing was built"), e.getMessage());
    }

    private Optional<String> scan(String dockerfile) throws Exception {
        Path f = dir.resolve("Dockerfile.scan");
        Files.writeString(f, dockerfile);
        return BuildKitOnly.in(f);
    }

    private DockerException build(String dockerfile) throws Exception {
        Path ctx = Files.createDirectories(dir.resolve("ctx"));
        Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
        Files.writeString(dir.resolve("protostar.yml"), "app: " + app + "\nbuild: { context: ctx }\n");
        try (Docker docker = Docker.connect("unix:///var/run/docker.sock")) {
            Images images = new Images(docker);
            return assertThrows(DockerException.class, () -> images.build(SpecParser.parse(dir.resolve("protostar.yml")), "v1",
                    Map.of(Labels.APP, app), Duration.ofMinutes(2), line -> { }));
        }
    }
}
