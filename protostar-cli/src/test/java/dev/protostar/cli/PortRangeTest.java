package dev.protostar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Outcome;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stable host ports with nginx on the host: router.ports, and the replaced color's own port without it. */
class PortRangeTest {
    @TempDir
    Path tmp;

    /** A range of {@code size} ports free right now, below the kernel's ephemeral ports (where other tests take theirs). */
    private static int freeRange(int size) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(21000, 32000 - size);
            List<ServerSocket> held = new ArrayList<>();
            try {
                for (int p = base; p < base + size; p++) {
                    held.add(new ServerSocket(p, 1, InetAddress.getByName("127.0.0.1")));
                }
                return base;
            } catch (IOException taken) {
                // try another base
            } finally {
                for (ServerSocket s : held) {
                    s.close();
                }
            }
        }
        throw new IllegalStateException("no free range of " + size + " ports found");
    }

    private static void setPorts(Fixture f, int first, int last) throws IOException {
        Files.writeString(f.spec, Files.readString(f.spec).replace("router:\n", "router:\n  ports: " + first + "-" + last + "\n"));
    }

    /** The port {@code app}-{@code color} publishes on 127.0.0.1 while it runs. */
    private static int port(Fixture f, String app, String color) {
        Container c = f.docker.call("list", java.time.Duration.ofSeconds(30), () -> f.docker.client().listContainersCmd()
                .withNameFilter(List.of("^/" + app + "-" + color + "$")).exec()).stream().findFirst()
                .orElseThrow(() -> new AssertionError(app + "-" + color + " is not running"));
        ContainerPort p = java.util.Arrays.stream(c.getPorts()).filter(x -> x.getPublicPort() != null).findFirst().orElseThrow();
        assertEquals("127.0.0.1", p.getIp());
        return p.getPublicPort();
    }

    private static void deployed(Fixture f, String version, String color, int port) throws IOException {
        DeployResult r = f.deploy(version);
        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
        assertEquals(color, r.color());
        assertEquals(port, port(f, f.app, color), version + " of " + f.app);
        assertTrue(Files.readString(f.include()).contains("server 127.0.0.1:" + port + " "), "nginx routes " + version + " to " + port);
        assertEquals("200 " + version + " " + color, f.answer(), "nginx serves " + version + " from " + port);
    }

    @Test
    void fourDeploysCycleThroughARangeOfFour() throws Exception {
        int base = freeRange(4);
        try (Fixture f = new Fixture(tmp, null)) {
            setPorts(f, base, base + 3);
            // the lowest port neither the live nor the warm previous color holds
            deployed(f, "v1", "blue", base);
            deployed(f, "v2", "green", base + 1);
            deployed(f, "v3", "blue", base + 2);
            deployed(f, "v4", "green", base);
            assertEquals(List.of(), f.containers().stream().map(c -> c.getNames()[0]).filter(n -> n.contains("-next-") || n.contains("-retiring-"))
                    .toList(), "nothing left beside the two colors");
            assertEquals("200 v3 blue", switchedBack(f), "the warm previous color still answers on its port");
        }
    }

    private static String switchedBack(Fixture f) throws IOException {
        DeployResult r = f.switchTo("previous");
        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
        return f.answer();
    }

    @Test
    void withoutARangeAStoppedColorsPortIsReused() throws Exception {
        try (Fixture f = new Fixture(tmp, "retire:\n  drain: 1s\n  previous: stop\n  stopTimeout: 5s\n")) {
            assertEquals(Outcome.SUCCEEDED, f.deploy("v1").outcome());
            int blue = port(f, f.app, "blue");
            assertEquals(Outcome.SUCCEEDED, f.deploy("v2").outcome());
            int green = port(f, f.app, "green");
            assertNotEquals(blue, green);
            deployed(f, "v3", "blue", blue);
            deployed(f, "v4", "green", green);
        }
    }

    @Test
    void twoAppsSharingARangeNeverTakeEachOthersPortAndAFullRangeIsNamed() throws Exception {
        int base = freeRange(4);
        try (Fixture a = new Fixture(tmp.resolve("a"), null); Fixture b = a.sibling(tmp.resolve("b"))) {
            setPorts(a, base, base + 3);
            setPorts(b, base, base + 3);
            deployed(a, "v1", "blue", base);
            deployed(b, "v1", "blue", base + 1);
            deployed(a, "v2", "green", base + 2);
            deployed(b, "v2", "green", base + 3);

            DeployResult full = a.deploy("v3");
            assertEquals(Outcome.FAILED_BEFORE_SWITCH, full.outcome(), full.error());
            String e = full.error();
            assertTrue(e.contains("router.ports " + base + "-" + (base + 3) + " has no port free for " + a.app + "-blue-next-"), e);
            assertTrue(e.contains(base + " held by " + a.app + "-blue (this app's)"), e);
            assertTrue(e.contains((base + 2) + " held by " + a.app + "-green (this app's)"), e);
            assertTrue(e.contains((base + 1) + " in use on 127.0.0.1 (published by the container " + b.app + "-blue)"), e);
            assertTrue(e.contains((base + 3) + " in use on 127.0.0.1 (published by the container " + b.app + "-green)"), e);
            assertEquals("200 v2 green", a.answer(), "the live color keeps serving");
            assertEquals("200 v2 green", b.answer());
            assertFalse(a.containers().stream().anyMatch(c -> c.getNames()[0].contains("-next-")), "the refused container is gone");
            assertEquals(base + 2, port(a, a.app, "green"));
            assertEquals(base, port(a, a.app, "blue"));
        }
    }
}
