package dev.protostar.cli.resident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.cli.Fixture;
import dev.protostar.cli.demo.SampleApp;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resident engine as a process of its own, as a front starts it, against the real Docker engine and nginx: a
 * deploy, a cutover and a rollback typed in the app's directory; then the engine killed in the middle of a deploy,
 * which the front reports, with the live color still serving, and which the next engine's deploy settles.
 */
class ResidentCommandTest {
    @TempDir
    Path tmp;

    private final List<Process> engines = new ArrayList<>();

    @AfterEach
    void stopEngines() throws InterruptedException {
        for (Process p : engines) {
            p.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
        }
    }

    private Path engine() throws Exception {
        Path socket = tmp.resolve("engine.sock");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), ResidentEngine.class.getName(),
                socket.toString(), "300").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(tmp.resolve("engine.log").toFile())).start();
        engines.add(p);
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < until && p.isAlive()) {
            SocketChannel ch = Front.connect(socket);
            if (ch != null) {
                ch.close();
                return socket;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the engine did not listen: " + Files.readString(tmp.resolve("engine.log")));
    }

    private static ResidentEngineTest.Run command(Path socket, Path cwd, String... args) throws IOException {
        SocketChannel ch = Front.connect(socket);
        assertNotNull(ch);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Front.talk(ch, new Wire.Request(cwd, false, 0, -1, args, Map.of()), Path.of("engine.log"), out, err);
        return new ResidentEngineTest.Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void cutoverAndRollbackThroughAnEngineProcessAndAnEngineKilledMidDeploy() throws Exception {
        try (Fixture f = new Fixture(tmp, null)) {
            Path socket = engine();
            ResidentEngineTest.Run v1 = command(socket, f.source, "deploy", "--owner", "test"); // -f protostar.yml, from here
            assertEquals(0, v1.code(), v1.toString());
            assertEquals("200 v1 blue", f.answer());
            SampleApp.setVersion(f.source, "v2");
            ResidentEngineTest.Run v2 = command(socket, f.source, "deploy", "--owner", "test");
            assertEquals(0, v2.code(), v2.toString());
            assertEquals("200 v2 green", f.answer());
            ResidentEngineTest.Run back = command(socket, f.source, "switch", "--to", "previous", "--owner", "test");
            assertEquals(0, back.code(), back.toString());
            assertTrue(back.out().contains("= total"), back.out());
            assertTrue(back.out().contains("follow this answer"), "an engine process writes the record after it: " + back.out());
            assertEquals("200 v1 blue", f.answer());
            // the next command of the app waits for that record, and for the lock's release
            ResidentEngineTest.Run history = command(socket, f.source, "history");
            assertEquals(0, history.code(), history.toString());
            String newest = history.out().lines().filter(l -> l.contains(" switch ")).reduce((a, b) -> b).orElse("");
            assertTrue(newest.contains("succeeded") && newest.contains("green → blue"), history.out());

            // the engine killed while the new color is at its gate: the front says so, and blue keeps serving
            SampleApp.setVersion(f.source, "v3");
            SocketChannel ch = Front.connect(socket);
            DataInputStream in = new DataInputStream(Wire.in(ch));
            Wire.write(new Wire.Request(f.source, false, 0, -1, new String[] {"deploy", "--owner", "test"}, Map.of()),
                    new DataOutputStream(Wire.out(ch)));
            assertEquals(Wire.ACCEPTED, in.readByte());
            StringBuilder out = new StringBuilder();
            while (!out.toString().contains("▸ gate")) {
                int kind = in.readByte();
                out.append(new String(Wire.payload(in), StandardCharsets.UTF_8));
                assertTrue(kind == Wire.OUT || kind == Wire.ERR, out.toString());
            }
            engines.get(0).destroyForcibly().waitFor(1, TimeUnit.MINUTES);
            try {
                while (true) {
                    in.readByte();
                    Wire.payload(in);
                }
            } catch (EOFException | java.nio.channels.ClosedChannelException gone) {
                // as the front sees it: Front.talk turns this into exit 4 (anEngineThatStopsMidCommandIsReportedAsUnsafe)
            }
            ch.close();
            assertEquals("200 v1 blue", f.answer());

            Path again = engine();
            ResidentEngineTest.Run v3 = command(again, f.source, "deploy", "--owner", "test");
            assertEquals(0, v3.code(), v3.toString());
            assertEquals("200 v3 green", f.answer());
        }
    }
}
