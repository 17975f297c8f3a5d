package dev.protostar.core.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A wedged engine on a unix socket: docker-java alone would wait forever; our deadline holds. */
class DockerDeadlineTest {
    @TempDir
    Path dir;

    @Test
    void aCallToAnEngineThatNeverAnswersEndsAtItsDeadline() throws Exception {
        Path socket = dir.resolve("wedged.sock");
        List<SocketChannel> held = new ArrayList<>();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(server.accept()); // accept, read nothing, answer nothing
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            try (Docker docker = Docker.connect("unix://" + socket)) {
                long t0 = System.nanoTime();
                DockerException e = assertThrows(DockerException.class,
                        () -> docker.call("inspect container nest-green", Duration.ofMillis(500),
                                () -> docker.client().inspectContainerCmd("nest-green").exec()));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(ms < 10_000, "the 500 ms deadline held (the engine never answers): " + ms + " ms");
                assertTrue(e.getMessage().contains("did not answer \"inspect container nest-green\""), e.getMessage());
                assertTrue(e.getMessage().contains("outcome is unknown"), e.getMessage());
                // and the worker that was blocked on the socket is freed, not left reading forever
                long until = System.nanoTime() + 3_000_000_000L;
                while (blockedWorkers() > 0 && System.nanoTime() < until) {
                    Thread.sleep(50);
                }
                assertEquals(0, blockedWorkers(), "no Docker worker thread is still blocked");
            }
        } finally {
            for (SocketChannel c : held) {
                c.close();
            }
        }
    }

    private static long blockedWorkers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("protostar-docker-"))
                .filter(t -> t.getState() == Thread.State.RUNNABLE)
                .count();
    }

    @Test
    void aMissingSocketSaysTheEngineCannotBeReached() {
        try (Docker docker = Docker.connect("unix://" + dir.resolve("none.sock"))) {
            DockerException e = assertThrows(DockerException.class, docker::ping);
            assertTrue(e.getMessage().startsWith("cannot reach the Docker engine at unix://"), e.getMessage());
        }
    }
}
