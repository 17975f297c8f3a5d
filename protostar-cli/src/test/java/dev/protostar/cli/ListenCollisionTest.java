package dev.protostar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.http.HttpProbe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Apps on one real nginx cannot take each other's traffic, and a port another process holds is named. */
class ListenCollisionTest {
    @TempDir
    Path tmp;

    private static void setListen(Fixture f, int port, String serverName) throws IOException {
        String spec = Files.readString(f.spec).replaceFirst("listen: 127\\.0\\.0\\.1:\\d+\\n",
                "listen: 127.0.0.1:" + port + "\n" + (serverName == null ? "" : "  serverName: " + serverName + "\n"));
        Files.writeString(f.spec, spec);
    }

    /**
     * Ten requests through nginx on {@code port}: which app answered each, and with what. They carry the app's probe
     * token, which only the app's own include answers with the X-Protostar headers.
     */
    private static void allFrom(Fixture f, int port, String host, String app, String version) throws IOException {
        String token = dev.protostar.core.router.NginxInclude.probeToken(Files.readString(f.nginx.includeDir()
                .resolve(dev.protostar.core.router.NginxInclude.fileName(app)))).orElseThrow();
        for (int i = 0; i < 10; i++) {
            HttpProbe.Response r = HttpProbe.get("http://127.0.0.1:" + port, "/", host, java.util.Map.of("X-Protostar-Probe", token),
                    Duration.ofSeconds(5));
            assertEquals(200, r.status(), r.body());
            assertEquals(app, r.header("X-Protostar-App"));
            assertTrue(r.body().startsWith(version + " "), r.body());
        }
    }

    @Test
    void aSecondAppOnTheSameListenWithoutServerNamesIsRefusedAndTheFirstKeepsItsTraffic() throws Exception {
        try (Fixture first = new Fixture(tmp.resolve("a"), null); Fixture second = first.sibling(tmp.resolve("b"))) {
            assertTrue(first.deploy("v1").ok());
            setListen(second, first.port, null);

            DeployResult r = second.deploy("v1");
            assertFalse(r.ok(), "the second app's deploy was refused");
            assertTrue(r.error().contains("router.listen 127.0.0.1:" + first.port + " of " + second.app + " overlaps router.listen 127.0.0.1:"
                    + first.port + " of " + first.app + " on the same nginx and neither has a router.serverName"), r.error());
            assertFalse(Files.exists(second.include()), "no include was written for the second app");
            allFrom(first, first.port, null, first.app, "v1");
        }
    }

    @Test
    void twoAppsOnOneListenWithTheirOwnServerNamesEachGetTheirs() throws Exception {
        try (Fixture first = new Fixture(tmp.resolve("a"), null); Fixture second = first.sibling(tmp.resolve("b"))) {
            setListen(first, first.port, first.app + ".test");
            setListen(second, first.port, second.app + ".test");
            assertTrue(first.deploy("v1").ok());
            DeployResult r = second.deploy("v2");
            assertTrue(r.ok(), r.error());
            allFrom(first, first.port, first.app + ".test", first.app, "v1");
            allFrom(first, first.port, second.app + ".test", second.app, "v2");
        }
    }

    @Test
    void aListenPortHeldByAnotherProcessIsNamedBeforeAnythingChanges() throws Exception {
        HttpServer squatter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        squatter.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Server", "squatter/1.0");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        squatter.start();
        int taken = squatter.getAddress().getPort();
        try (Fixture f = new Fixture(tmp.resolve("a"), null)) {
            setListen(f, taken, null);
            DeployResult r = f.deploy("v1");
            assertFalse(r.ok(), "the deploy was refused");
            assertTrue(r.error().contains("router.listen 127.0.0.1:" + taken + " of " + f.app + ": port " + taken
                    + " is already taken by a process that is not nginx (it answers as squatter/1.0)"), r.error());
            assertFalse(Files.exists(f.include()), "no include was written");
            // once the port is free, the same deploy goes through
            squatter.stop(0);
            DeployResult again = f.deploy("v1");
            assertTrue(again.ok(), again.error());
            allFrom(f, taken, null, f.app, "v1");
        } finally {
            squatter.stop(0);
        }
    }
}
