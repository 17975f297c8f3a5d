package dev.protostar.cli.resident;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/protostar-front, the front in Perl, against an engine that speaks {@link Wire} (the Java front's protocol): it
 * finds the socket {@link Residence} names, hands the command over with its directory, arguments and environment,
 * passes on the output and the exit code, stops the command on Ctrl-C, says so when the engine dies mid-command, and
 * runs the Java command it was given wherever it cannot hand the command over.
 */
// a separate thread: a front that hangs blocks a read on its output, which no interrupt ends
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FrontScriptTest {
    private static final Path SCRIPT = Path.of("").toAbsolutePath().getParent().resolve("bin/protostar-front");
    /** What the front runs when it cannot hand over: it prints its arguments and exits 7. */
    private static final List<String> FALLBACK = List.of("/bin/sh", "-c", "echo in java \"$@\"; exit 7", "sh");

    @TempDir
    Path tmp;

    private Path runtime;
    private Path jarLink;
    private Path socket;
    private Path cwd;
    private ServerSocketChannel server;

    @BeforeEach
    void residence() throws IOException {
        runtime = Files.createDirectories(tmp.resolve("run"));
        Path dir = runtime.resolve("protostar");
        assertTrue(Residence.ownedDir(dir));
        Path jar = Files.writeString(Files.createDirectories(tmp.resolve("real/target")).resolve("protostar.jar"), "a jar");
        jarLink = Files.createSymbolicLink(tmp.resolve("linked"), tmp.resolve("real")).resolve("target/protostar.jar");
        socket = new Residence(dir, Residence.build(jarLink)).socket(); // the real path names it, as Perl's realpath does
        cwd = Files.createDirectories(tmp.resolve("app"));
    }

    private final List<Process> fronts = new ArrayList<>();

    @AfterEach
    void close() throws IOException {
        fronts.forEach(Process::destroyForcibly);
        if (server != null) {
            server.close();
        }
    }

    private ServerSocketChannel listen() throws IOException {
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return server;
    }

    /** The front's connection; an error, not a hang, when it ends without one. */
    private SocketChannel accept(Process p) throws IOException {
        p.onExit().thenRun(() -> {
            try {
                server.close();
            } catch (IOException e) {
                // the accept below says it
            }
        });
        try {
            return server.accept();
        } catch (AsynchronousCloseException ended) {
            throw new AssertionError("the front ended (exit " + p.exitValue() + ") without handing the command over: "
                    + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    record Run(int code, String out, String err) {}

    private Process start(Map<String, String> env, String... args) throws IOException {
        return start(List.of(), env, args);
    }

    /** The front started by {@code wrapper} (a shell that sets it up, then execs it). */
    private Process start(List<String> wrapper, Map<String, String> env, String... args) throws IOException {
        // Signals at their defaults first: a test JVM started in the background (mvn under nohup, a CI runner) passes on
        // SIGINT ignored, which the front, as a Java VM, would leave ignored. Perl can reset what a shell could not.
        List<String> cmd = new ArrayList<>(List.of("perl", "-e", "$SIG{$_} = 'DEFAULT' for qw(INT TERM HUP); exec @ARGV or die $!"));
        cmd.addAll(wrapper);
        cmd.addAll(List.of("perl", SCRIPT.toString(), jarLink.toString(), Integer.toString(FALLBACK.size())));
        cmd.addAll(FALLBACK);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv("PATH"));
        pb.environment().put("XDG_RUNTIME_DIR", runtime.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        fronts.add(p);
        return p;
    }

    private static Run finish(Process p) throws Exception {
        CompletableFuture<byte[]> out = all(p.getInputStream());
        CompletableFuture<byte[]> err = all(p.getErrorStream());
        assertTrue(p.waitFor(1, TimeUnit.MINUTES), "the front ended");
        return new Run(p.exitValue(), new String(out.get(1, TimeUnit.MINUTES), StandardCharsets.UTF_8),
                new String(err.get(1, TimeUnit.MINUTES), StandardCharsets.UTF_8));
    }

    private static CompletableFuture<byte[]> all(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void frame(SocketChannel ch, int kind, byte[] b) throws IOException {
        Wire.frame(new DataOutputStream(Wire.out(ch)), kind, b, 0, b.length);
    }

    private static void exit(SocketChannel ch, int code) throws IOException {
        frame(ch, Wire.EXIT, ByteBuffer.allocate(4).putInt(code).array());
    }

    @Test
    void handsTheCommandOverAndPassesOnItsOutputAndExitCode() throws Exception {
        listen();
        Process p = start(Map.of("LANG", "C.UTF-8", "APP_TOKEN", "s3cr=t ✓"), "deploy", "--owner", "ci one", "-f", "protostar.yml");
        try (SocketChannel ch = accept(p)) {
            Wire.Request r = Wire.read(new DataInputStream(Wire.in(ch)));
            assertArrayEquals(new String[] {"deploy", "--owner", "ci one", "-f", "protostar.yml"}, r.args());
            assertEquals(cwd.toRealPath(), r.cwd());
            assertEquals("s3cr=t ✓", r.environment().get("APP_TOKEN"));
            assertEquals(runtime.toString(), r.environment().get("XDG_RUNTIME_DIR"));
            assertFalse(r.ascii(), "a UTF-8 locale shows the glyphs");
            assertTrue(r.javaStartMillis() >= 0 && r.javaStartMillis() < 60_000, "the front's start: " + r.javaStartMillis());
            ch.write(ByteBuffer.wrap(new byte[] {Wire.ACCEPTED}));
            frame(ch, Wire.OUT, "  ✓ switch 0.31 s\n".getBytes(StandardCharsets.UTF_8));
            frame(ch, Wire.ERR, "a warning\n".getBytes(StandardCharsets.UTF_8));
            frame(ch, Wire.OUT, new byte[0]);
            exit(ch, 3);
        }
        Run run = finish(p);
        assertEquals(new Run(3, "  ✓ switch 0.31 s\n", "a warning\n"), run);
    }

    @Test
    void withNoEngineTheJavaCommandRunsIt() throws Exception {
        Run run = finish(start(Map.of(), "switch", "--to", "previous"));
        assertEquals(new Run(7, "in java switch --to previous\n", ""), run);
    }

    @Test
    void anEngineThatNeverAcceptedTheCommandLeavesItToJava() throws Exception {
        listen();
        Process p = start(Map.of(), "rollback");
        try (SocketChannel ch = accept(p)) {
            Wire.read(new DataInputStream(Wire.in(ch))); // closing: it reads the request and says nothing
        }
        assertEquals(new Run(7, "in java rollback\n", ""), finish(p));
    }

    @Test
    void aResidenceOthersMayEnterIsNeverUsed() throws Exception {
        listen();
        Files.setPosixFilePermissions(socket.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(new Run(7, "in java deploy\n", ""), finish(start(Map.of(), "deploy")));
    }

    @Test
    void aHangUpThatTheFrontWasStartedIgnoringStaysIgnoredAsInJava() throws Exception {
        listen();
        Process p = start(List.of("sh", "-c", "trap '' HUP; exec \"$@\"", "sh"), Map.of(), "deploy"); // as nohup starts it
        try (SocketChannel ch = accept(p)) {
            DataInputStream in = new DataInputStream(Wire.in(ch));
            Wire.read(in);
            ch.write(ByteBuffer.wrap(new byte[] {Wire.ACCEPTED}));
            frame(ch, Wire.OUT, "  > gate\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("  > gate\n", new String(p.getInputStream().readNBytes(9), StandardCharsets.UTF_8));
            assertEquals(0, new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start().waitFor());
            frame(ch, Wire.OUT, "  ✓ record\n".getBytes(StandardCharsets.UTF_8));
            exit(ch, 0);
            assertEquals(-1, in.read(), "no STOP: the command went on");
        }
        assertEquals(new Run(0, "  ✓ record\n", ""), finish(p));
    }

    @Test
    void anEngineThatDiesMidCommandIsReportedAsUnsafeAndTheCommandNeverRunsAgain() throws Exception {
        listen();
        Process p = start(Map.of(), "deploy");
        try (SocketChannel ch = accept(p)) {
            Wire.read(new DataInputStream(Wire.in(ch)));
            ch.write(ByteBuffer.wrap(new byte[] {Wire.ACCEPTED}));
            frame(ch, Wire.OUT, "  ▸ gate\n".getBytes(StandardCharsets.UTF_8));
        }
        Run run = finish(p);
        assertEquals(Front.UNSAFE, run.code(), run.toString());
        assertEquals("  ▸ gate\n", run.out());
        assertTrue(run.err().startsWith("protostar: the resident engine stopped during the command"), run.err());
        assertFalse(run.out().contains("in java"), "never run a second time");
    }

    @Test
    void ctrlCStopsTheCommandAtItsNextSafePointAndTheFrontEndsAsInterrupted() throws Exception {
        listen();
        Process p = start(Map.of("LANG", "C"), "deploy");
        try (SocketChannel ch = accept(p)) {
            DataInputStream in = new DataInputStream(Wire.in(ch));
            assertTrue(Wire.read(in).ascii(), "LANG=C: folded to ASCII");
            ch.write(ByteBuffer.wrap(new byte[] {Wire.ACCEPTED}));
            frame(ch, Wire.OUT, "  > gate\n".getBytes(StandardCharsets.UTF_8));
            // passed on: the command runs, and Ctrl-C is the front's to handle
            assertEquals("  > gate\n", new String(p.getInputStream().readNBytes(9), StandardCharsets.UTF_8));
            assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor());
            assertEquals(Wire.STOP, in.readByte(), "the front asks the engine to stop the command");
            frame(ch, Wire.OUT, "  stopped on request\n".getBytes(StandardCharsets.UTF_8));
            exit(ch, 1);
        }
        Run run = finish(p);
        assertEquals(new Run(130, "  stopped on request\n", ""), run); // 128 + SIGINT, as a Java VM Ctrl-C ended
    }
}
