package dev.protostar.core.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Ulimit;
import dev.protostar.core.spec.AppSpec;
import dev.protostar.core.spec.Color;
import dev.protostar.core.spec.DeployEnvironment;
import dev.protostar.core.spec.SpecParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both colors booted by the real engine with every container option, then inspected: what the spec asks for is what
 * Docker runs, and a named volume is one volume both colors see.
 */
class ContainerOptionsDockerTest {
    private static final Duration QUICK = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final String id = "appneeds" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30, 1L << 31), 36);
    private final String app = "t" + id;
    private final String network = id + "-net";
    private final String extra = id + "-extra";
    private final String volume = id + "-data";
    private Docker docker;
    private Containers containers;
    private String imageId;

    @BeforeEach
    void image() throws IOException {
        docker = Docker.connect("unix:///var/run/docker.sock");
        Path ctx = Files.createDirectories(dir.resolve("ctx"));
        Files.copy(Path.of("/bin/busybox"), ctx.resolve("busybox"));
        Files.writeString(ctx.resolve("Dockerfile"), """
                FROM scratch
                COPY busybox /bin/busybox
                COPY busybox /bin/sh
                CMD ["/bin/busybox", "sleep", "600"]
                """);
        Files.writeString(dir.resolve("protostar.yml"), "app: " + app + "\nbuild: { context: ctx }\n");
        imageId = new Images(docker).build(SpecParser.parse(dir.resolve("protostar.yml")), "v1", Map.of(Labels.APP, app), QUICK,
                line -> { }).id();
        docker.run("network", QUICK, () -> docker.client().createNetworkCmd().withName(network).exec());
        docker.run("network", QUICK, () -> docker.client().createNetworkCmd().withName(extra).exec());
        containers = new Containers(docker, Reach.PUBLISHED_PORT);
    }

    @AfterEach
    void clean() {
        try {
            for (Color c : Color.values()) {
                containers.remove(app + "-" + c.word());
            }
            for (String n : List.of(network, extra)) {
                quietly(() -> docker.client().removeNetworkCmd(n).exec());
            }
            quietly(() -> docker.client().removeVolumeCmd(volume).exec());
            quietly(() -> docker.client().removeImageCmd(imageId).withForce(true).exec());
        } finally {
            docker.close();
        }
    }

    private void quietly(Runnable r) {
        try {
            docker.run("clean", QUICK, r);
        } catch (DockerException ignored) {
            // gone already
        }
    }

    private AppSpec spec(String container) throws IOException {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repo.resolve("protostar.yml"), "app: " + app + "\nport: 8080\nnetwork: " + network + "\ncontainer:\n" + container);
        return DeployEnvironment.resolve(SpecParser.parse(repo.resolve("protostar.yml")), name -> null);
    }

    private InspectContainerResponse inspect(String name) {
        return docker.call("inspect", QUICK, () -> docker.client().inspectContainerCmd(name).exec());
    }

    @Test
    void bothColorsRunWithEveryOptionAndShareTheNamedVolume() throws IOException {
        Path hostDir = Files.createDirectories(dir.resolve("host-config"));
        Files.writeString(hostDir.resolve("app.conf"), "from the host\n");
        AppSpec spec = spec("""
                  volumes:
                    - %s:/data
                    - %s:/data-ro:ro
                    - %s:/etc/app:ro
                  memory: 64m
                  cpus: 0.5
                  networks: [%s]
                  labels: { team: ml }
                  logging: { driver: json-file, options: { max-size: 1m, max-file: 2 } }
                  user: "1000:1000"
                  extraHosts: ["db.internal:10.1.2.3"]
                  ulimits: { nofile: { soft: 1024, hard: 2048 } }
                  init: true
                """.formatted(volume, volume, hostDir, extra));
        for (Color color : Color.values()) {
            containers.boot(spec, color, app + "-" + color.word(), imageId, app + ":v1", Map.of());
            InspectContainerResponse c = inspect(app + "-" + color.word());
            assertTrue(c.getState().getRunning(), color + " runs");
            var mounts = c.getMounts();
            var data = mounts.stream().filter(m -> m.getDestination().getPath().equals("/data")).findFirst().orElseThrow();
            assertEquals(volume, data.getName());
            assertTrue(data.getRW());
            var ro = mounts.stream().filter(m -> m.getDestination().getPath().equals("/data-ro")).findFirst().orElseThrow();
            assertEquals(volume, ro.getName());
            assertEquals(false, ro.getRW());
            var bind = mounts.stream().filter(m -> m.getDestination().getPath().equals("/etc/app")).findFirst().orElseThrow();
            assertEquals(hostDir.toString(), bind.getSource());
            assertEquals(false, bind.getRW());
            assertEquals(64L << 20, c.getHostConfig().getMemory());
            assertEquals(500_000_000L, c.getHostConfig().getNanoCPUs());
            assertEquals(java.util.Set.of(network, extra), c.getNetworkSettings().getNetworks().keySet());
            assertEquals("ml", c.getConfig().getLabels().get("team"));
            assertEquals(color.word(), c.getConfig().getLabels().get(Labels.COLOR), "Protostar's labels are kept");
            assertEquals("json-file", c.getHostConfig().getLogConfig().getType().getType());
            assertEquals(Map.of("max-size", "1m", "max-file", "2"), c.getHostConfig().getLogConfig().getConfig());
            assertEquals("1000:1000", c.getConfig().getUser());
            assertEquals(List.of("db.internal:10.1.2.3"), Arrays.asList(c.getHostConfig().getExtraHosts()));
            assertEquals(List.of(new Ulimit("nofile", 1024L, 2048L)), Arrays.asList(c.getHostConfig().getUlimits()));
            assertEquals(true, c.getHostConfig().getInit());
        }
        String blue = app + "-blue";
        String green = app + "-green";
        assertTrue(Exec.run(docker, blue, List.of("/bin/busybox", "cat", "/etc/app/app.conf"), QUICK).stdout().contains("from the host"));
        assertTrue(Exec.run(docker, blue, List.of("/bin/busybox", "cat", "/etc/hosts"), QUICK).stdout().contains("10.1.2.3\tdb.internal"));
        assertEquals("2048", Exec.run(docker, blue, List.of("/bin/busybox", "sh", "-c", "ulimit -Hn"), QUICK).stdout().strip());
        assertEquals("1000", Exec.run(docker, blue, List.of("/bin/busybox", "id", "-u"), QUICK).stdout().strip());
        assertNotEquals(0, Exec.run(docker, blue, List.of("/bin/busybox", "touch", "/etc/app/x"), QUICK).exitCode(),
                "the bind mount is read-only");
        assertNotEquals(0, Exec.run(docker, green, List.of("/bin/busybox", "touch", "/data-ro/x"), QUICK).exitCode(),
                "a read-only mount of the volume is read-only");
        assertEquals("1", Exec.run(docker, blue, List.of("/bin/busybox", "sh", "-c", "cat /proc/1/comm | grep -c init"), QUICK)
                .stdout().strip(), "PID 1 is Docker's init");
    }

    @Test
    void whatOneColorWritesToTheNamedVolumeTheOtherReads() throws IOException {
        AppSpec spec = spec("  volumes: [\"%s:/data\"]\n".formatted(volume));
        for (Color color : Color.values()) {
            containers.boot(spec, color, app + "-" + color.word(), imageId, app + ":v1", Map.of());
        }
        assertEquals(0, Exec.run(docker, app + "-blue", List.of("/bin/busybox", "sh", "-c", "echo kept > /data/model.bin"), QUICK)
                .exitCode());
        containers.remove(app + "-blue");
        assertEquals("kept", Exec.run(docker, app + "-green", List.of("/bin/busybox", "cat", "/data/model.bin"), QUICK).stdout().strip(),
                "removing a color keeps the named volume");
    }

    @Test
    void aNetworkThatDoesNotExistLeavesNoContainer() throws IOException {
        AppSpec spec = spec("  networks: [" + id + "-missing]\n");
        DockerException e = assertThrows(DockerException.class,
                () -> containers.boot(spec, Color.BLUE, app + "-blue", imageId, app + ":v1", Map.of()));
        assertTrue(e.getMessage().startsWith("container.networks: there is no network " + id + "-missing"), e.getMessage());
        assertTrue(containers.find(spec, Color.BLUE).isEmpty(), "nothing was created");
    }
}
