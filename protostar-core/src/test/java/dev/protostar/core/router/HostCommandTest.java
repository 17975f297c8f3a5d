package dev.protostar.core.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hung router command is killed with everything it started. */
class HostCommandTest {
    @TempDir
    Path dir;

    private final List<Long> started = new ArrayList<>();
    private final java.time.Instant testStart = java.time.Instant.now().minusSeconds(1);

    /** A reload wrapper that starts sleeping children (and a grandchild), records their pids, then hangs. */
    private Path wrapper() throws IOException {
        Path pids = dir.resolve("pids");
        Path script = dir.resolve("reload-wrapper.sh");
        Files.writeString(script, """
                #!/bin/sh
                sleep 300 & echo $! >> "%1$s"
                sleep 300 & echo $! >> "%1$s"
                sh -c 'sleep 300 & echo $! >> "%1$s"; wait' & echo $! >> "%1$s"
                echo $$ >> "%1$s"
                wait
                """.formatted(pids));
        return script;
    }

    @Test
    void aHungWrapperIsKilledWithAllItsChildren() throws Exception {
        Path script = wrapper();
        long t0 = System.nanoTime();
        RouterException e = assertThrows(RouterException.class, () -> HostCommand.run(List.of("sh", script.toString()), Duration.ofSeconds(3)));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(e.getMessage().contains("did not finish within 3 s"), e.getMessage());
        assertTrue(ms < 15_000, "ended soon after its deadline: " + ms + " ms");
        for (String line : Files.readAllLines(dir.resolve("pids"))) {
            started.add(Long.parseLong(line.strip()));
        }
        assertEquals(5, started.size(), "the wrapper had started its children: " + started);
        List<Long> left = new ArrayList<>(started);
        long until = System.nanoTime() + 10_000_000_000L;
        while (!left.isEmpty() && System.nanoTime() < until) {
            left.removeIf(pid -> !running(pid));
            Thread.sleep(50);
        }
        assertEquals(List.of(), left, "no process of the wrapper is left running");
        assertTrue(e.getMessage().contains("with the 4 processes it had started"), e.getMessage());
    }

    @Test
    void aCommandThatFinishesKeepsItsOutputAndExitCode() {
        HostCommand.Outcome o = HostCommand.run(List.of("sh", "-c", "echo out; exit 3"), Duration.ofSeconds(30));
        assertEquals(3, o.exitCode());
        assertEquals("out", o.output());
    }

    /** Alive and not a zombie (a killed child waits to be reaped by whoever inherits it). */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException gone) {
            return false;
        }
    }

    @AfterEach
    void killLeftovers() {
        for (long pid : started) {
            // only what this test started: a pid reused since then belongs to someone else
            ProcessHandle.of(pid).filter(h -> h.info().startInstant().map(t -> t.isAfter(testStart)).orElse(false))
                    .ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
