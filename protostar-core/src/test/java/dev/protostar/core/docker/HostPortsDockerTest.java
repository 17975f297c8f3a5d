package dev.protostar.core.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.Container;
import dev.protostar.core.spec.AppSpec;
import dev.protostar.core.spec.Color;
import dev.protostar.core.spec.SpecParser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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

/**
 * Docker has the last word on a port of {@code router.ports}: where the host check cannot see a port taken (another
 * app's container took it a moment after the check, or Docker runs without its userland proxy), the port Docker
 * refuses is passed over, and a range Docker refuses entirely names the containers that publish it.
 */
class HostPortsDockerTest {
    private static final Duration QUICK = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final String id = "ports" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30, 1L << 31), 36);
    private final String app = "t" + id;
    private final String other = "u" + id;
    private Docker docker;
    private String imageId;
    private int base;

    @BeforeEach
    void image() throws IOException {
        docker = Docker.connect("unix:///var/run/docker.sock");
        base = freeRange(4);
        Path ctx = Files.createDirectories(dir.resolve("ctx"));
        Files.copy(Path.of("/bin/busybox"), ctx.resolve("busybox"));
        Files.writeString(ctx.resolve("Dockerfile"), """
                FROM scratch
                COPY busybox /bin/busybox
                CMD ["/bin/busybox", "sleep", "600"]
                """);
        imageId = new Images(docker).build(spec(app), "v1", Map.of(Labels.APP, app), QUICK, line -> { }).id();
    }

    private AppSpec spec(String name) throws IOException {
        Path file = dir.resolve(name + ".yml");
        Files.writeString(file, "app: " + name + "\nbuild: { context: ctx }\nrouter: { ports: " + base + "-" + (base + 3) + " }\n");
        return SpecParser.parse(file);
    }

    @AfterEach
    void clean() {
        try {
            for (String a : List.of(app, other)) {
                List<Container> left = docker.call("list", QUICK, () -> docker.client().listContainersCmd().withShowAll(true)
                        .withLabelFilter(Map.of(Labels.APP, a)).exec());
                for (Container c : left) {
                    docker.run("remove", QUICK, () -> docker.client().removeContainerCmd(c.getId()).withForce(true).exec());
                }
            }
            docker.run("remove image", QUICK, () -> docker.client().removeImageCmd(imageId).withForce(true).exec());
        } finally {
            docker.close();
        }
    }

    @Test
    void aPortDockerRefusesIsPassedOverAndARangeItRefusesWhollyIsNamed() throws IOException {
        Containers honest = new Containers(docker, Reach.PUBLISHED_PORT);
        Containers blind = new Containers(docker, Reach.PUBLISHED_PORT, port -> true); // a host check that sees nothing taken
        AppSpec mine = spec(app);
        AppSpec theirs = spec(other);

        assertEquals(base, honest.boot(theirs, Color.BLUE, other + "-blue", imageId, other + ":v1", Map.of()).hostPort());
        ColorContainer blue = blind.boot(mine, Color.BLUE, app + "-blue", imageId, app + ":v1", Map.of());
        assertEquals(base + 1, blue.hostPort(), "Docker refused " + base + ", published by " + other + "-blue");
        assertEquals("127.0.0.1:" + (base + 1), blue.endpoint());

        assertEquals(base + 2, honest.boot(theirs, Color.GREEN, other + "-green", imageId, other + ":v1", Map.of()).hostPort());
        assertEquals(base + 3, honest.boot(theirs, Color.BLUE, other + "-blue-next-x", imageId, other + ":v1", Map.of()).hostPort());
        DockerException full = assertThrows(DockerException.class,
                () -> blind.boot(mine, Color.GREEN, app + "-green-next-y", imageId, app + ":v1", Map.of()));
        String m = full.getMessage();
        assertTrue(m.startsWith("router.ports " + base + "-" + (base + 3) + " has no port free for " + app + "-green-next-y: "), m);
        assertTrue(m.contains((base + 1) + " held by " + app + "-blue (this app's)"), m);
        assertTrue(m.contains(base + " refused by Docker (published by the container " + other + "-blue)"), m);
        assertTrue(m.contains((base + 2) + " refused by Docker (published by the container " + other + "-green)"), m);
        assertTrue(m.contains((base + 3) + " refused by Docker (published by the container " + other + "-blue-next-x)"), m);
        assertTrue(m.contains("nothing was switched"), m);
        assertTrue(blind.named(mine, app + "-green-next-y", Color.GREEN).isEmpty(), "no container is left of the refused boot");
        assertTrue(blind.find(mine, Color.BLUE).orElseThrow().running(), "the app's own color runs on");
    }

    /** A range of {@code size} ports free right now, below the kernel's ephemeral ports (where other tests take theirs). */
    private static int freeRange(int size) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(21000, 32000 - size);
            List<ServerSocket> held = new ArrayList<>();
            try {
                for (int p = first; p < first + size; p++) {
                    held.add(new ServerSocket(p, 1, InetAddress.getByName("127.0.0.1")));
                }
                return first;
            } catch (IOException taken) {
                // another first port
            } finally {
                for (ServerSocket s : held) {
                    s.close();
                }
            }
        }
        throw new IllegalStateException("no free range of " + size + " ports found");
    }
}
