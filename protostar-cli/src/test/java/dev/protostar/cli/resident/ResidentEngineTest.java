package dev.protostar.cli.resident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resident engine and its front over a real unix socket, with commands that need no Docker engine to answer. */
class ResidentEngineTest {
    private static final Duration BOUND = Duration.ofMinutes(3);

    @TempDir
    Path tmp;

    private final List<AutoCloseable> open = new ArrayList<>();

    record Run(int code, String out, String err) {}

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private ResidentEngine started(Path socket, Duration idle) throws IOException {
        Routed.install(); // this test VM's System.out and err: routed per thread, the rest to what they were
        ResidentEngine engine = ResidentEngine.open(socket, idle);
        Thread t = new Thread(engine::serve, "test-resident-engine");
        t.setDaemon(true);
        t.start();
        open.add(engine::close);
        return engine;
    }

    private static Run talk(Path socket, Path cwd, Map<String, String> env, String... args) throws IOException {
        return talk(Front.connect(socket), cwd, env, args);
    }

    private static Run talk(SocketChannel ch, Path cwd, Map<String, String> env, String... args) throws IOException {
        assertNotNull(ch, "the engine listens");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Front.talk(ch, new Wire.Request(cwd, false, 0, -1, args, env), Path.of("engine.log"), out, err);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A spec whose Docker engine is {@code docker}, with an env value from the variable PS_RESIDENT_TOKEN. */
    private Path spec(String docker) throws IOException {
        Path app = Files.createDirectories(tmp.resolve("app"));
        Files.writeString(app.resolve("protostar.yml"), """
                app: residenttest
                port: 8080
                docker:
                  host: unix://%s
                router:
                  includeDir: %s
                  listen: 127.0.0.1:18999
                env:
                  TOKEN: { fromEnv: PS_RESIDENT_TOKEN }
                """.formatted(docker, tmp.resolve("inc")));
        return app;
    }

    @Test
    void aCommandRunsInTheFrontsDirectoryWithTheFrontsEnvironment() throws Exception {
        Path socket = tmp.resolve("e.sock");
        started(socket, Duration.ofMinutes(5));
        Path app = spec(tmp.resolve("no-docker-here.sock").toString());

        Run unset = talk(socket, app, Map.of(), "deploy"); // -f protostar.yml, relative: from the front's directory
        assertEquals(2, unset.code(), unset.toString());
        assertTrue(unset.out().contains("variable PS_RESIDENT_TOKEN of the deploying process's environment, which is not set"), unset.out());
        assertTrue(unset.out().contains("= total"), "the closing line of the wall time: " + unset.out());

        Run set = talk(socket, app, Map.of("PS_RESIDENT_TOKEN", "x"), "deploy");
        assertFalse(set.out().contains("PS_RESIDENT_TOKEN"), set.out());
        assertTrue(set.out().contains("cannot reach the Docker engine at unix://" + tmp.resolve("no-docker-here.sock")), set.out());

        Run elsewhere = talk(socket, tmp, Map.of(), "deploy");
        assertEquals(2, elsewhere.code(), elsewhere.toString());
        assertTrue(elsewhere.out().contains("there is no spec file at " + tmp.resolve("protostar.yml")), elsewhere.out());
    }

    @Test
    void commandsAtOnceEachGetOnlyTheirOwnOutput() throws Exception {
        Path socket = tmp.resolve("e.sock");
        started(socket, Duration.ofMinutes(5));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> runs = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String command = List.of("deploy", "switch", "rollback").get(i % 3);
                runs.add(pool.submit(() -> {
                    Run r = talk(socket, tmp, Map.of(), command, "--help");
                    assertEquals(0, r.code(), r.toString());
                    return command + "\n" + r.out();
                }));
            }
            for (Future<String> f : runs) {
                String[] r = f.get(BOUND.toSeconds(), TimeUnit.SECONDS).split("\n", 2);
                for (String command : List.of("deploy", "switch", "rollback")) {
                    assertEquals(command.equals(r[0]), r[1].contains("Usage: protostar " + command + " "), r[0] + " got: " + r[1]);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A Docker engine that takes connections and never answers: a command waits on it until stopped. */
    private Path silentDocker() throws IOException {
        Path path = tmp.resolve("silent.sock");
        ServerSocketChannel silent = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        silent.bind(UnixDomainSocketAddress.of(path));
        List<SocketChannel> held = new ArrayList<>();
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    held.add(silent.accept());
                }
            } catch (IOException closed) {
                // the test is over
            }
        }, "silent-docker");
        t.setDaemon(true);
        t.start();
        open.add(silent);
        return path;
    }

    /** A deploy the engine runs against a Docker engine that never answers, as a front sees it, once it waits at its lock. */
    private record AtLock(SocketChannel ch, DataInputStream in, DataOutputStream toEngine, StringBuilder out) {
        /** The rest of its output (stderr's into {@code err}) up to its exit code. */
        int untilExit(StringBuilder err) throws IOException {
            while (true) {
                int kind = in.readByte();
                byte[] b = Wire.payload(in);
                if (kind == Wire.EXIT) {
                    return java.nio.ByteBuffer.wrap(b).getInt();
                }
                (kind == Wire.OUT ? out : err).append(new String(b, StandardCharsets.UTF_8));
            }
        }
    }

    private AtLock deployAtLock(Path socket) throws IOException {
        Path app = spec(silentDocker().toString());
        SocketChannel ch = Front.connect(socket);
        DataOutputStream toEngine = new DataOutputStream(Wire.out(ch));
        DataInputStream in = new DataInputStream(Wire.in(ch));
        Wire.write(new Wire.Request(app, false, 0, -1, new String[] {"deploy"}, Map.of("PS_RESIDENT_TOKEN", "x")), toEngine);
        assertEquals(Wire.ACCEPTED, in.readByte());
        StringBuilder out = new StringBuilder();
        while (!out.toString().contains("▸ lock")) { // waiting for the silent Docker engine now
            int kind = in.readByte();
            out.append(new String(Wire.payload(in), StandardCharsets.UTF_8));
            assertTrue(kind == Wire.OUT || kind == Wire.ERR, out.toString());
        }
        return new AtLock(ch, in, toEngine, out);
    }

    @Test
    void ctrlCAtTheFrontStopsTheCommandAtItsNextSafePoint() throws Exception {
        Path socket = tmp.resolve("e.sock");
        started(socket, Duration.ofMinutes(5));
        AtLock deploy = deployAtLock(socket);
        deploy.toEngine().writeByte(Wire.STOP);
        deploy.toEngine().flush();
        StringBuilder err = new StringBuilder();
        int code = deploy.untilExit(err);
        deploy.ch().close();
        assertTrue(err.toString().contains("stopping at the next safe point"), err.toString());
        assertTrue(deploy.out().toString().contains("stopped on request while Docker ran"), deploy.out().toString());
        assertEquals(1, code, deploy.out().toString());
    }

    @Test
    void aFrontThatGoesAwayStopsItsCommand() throws Exception {
        Path socket = tmp.resolve("e.sock");
        ResidentEngine engine = started(socket, Duration.ofMinutes(5));
        AtLock deploy = deployAtLock(socket);
        assertEquals(1, engine.running());
        deploy.ch().close(); // killed, say
        long until = System.nanoTime() + BOUND.toNanos();
        while (engine.running() > 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertEquals(0, engine.running(), "the command stopped, as its front went");
        assertEquals(0, talk(socket, tmp, Map.of(), "switch", "--help").code(), "and the engine serves the next");
    }

    @Test
    void sigtermStopsTheRunningCommandsAtTheirNextSafePointAndTheyAnswer() throws Exception {
        Path socket = tmp.resolve("e.sock");
        ResidentEngine engine = started(socket, Duration.ofMinutes(5));
        AtLock deploy = deployAtLock(socket);
        engine.stopCommands(); // what its shutdown hook does on SIGTERM
        int code = deploy.untilExit(deploy.out());
        assertEquals(1, code, deploy.out().toString());
        assertTrue(deploy.out().toString().contains("stopped on request while Docker ran"), deploy.out().toString());
        assertEquals(0, engine.running());
        assertNull(Front.connect(socket), "and it takes no new command");
    }

    /** An engine that takes a front and says nothing: closing as the front came, say. */
    private Path answering(boolean accepts) throws IOException {
        Path path = tmp.resolve(accepts ? "dies.sock" : "closing.sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        open.add(server);
        Thread t = new Thread(() -> {
            try (SocketChannel ch = server.accept()) {
                Wire.read(new DataInputStream(Wire.in(ch)));
                if (accepts) {
                    OutputStream out = Wire.out(ch);
                    out.write(Wire.ACCEPTED);
                    byte[] line = "  ▸ switch\n".getBytes(StandardCharsets.UTF_8);
                    Wire.frame(new DataOutputStream(out), Wire.OUT, line, 0, line.length);
                }
            } catch (IOException e) {
                // the test sees what the front made of it
            }
        });
        t.setDaemon(true);
        t.start();
        return path;
    }

    @Test
    void aFrontWhoseCommandWasNeverAcceptedRunsItElsewhere() throws Exception {
        assertEquals(Front.NOT_ACCEPTED, talk(answering(false), tmp, Map.of(), "switch").code());
    }

    @Test
    void anEngineThatStopsMidCommandIsReportedAsUnsafe() throws Exception {
        Run r = talk(answering(true), tmp, Map.of(), "switch");
        assertEquals(Front.UNSAFE, r.code(), r.toString());
        assertEquals("  ▸ switch\n", r.out());
        assertTrue(r.err().contains("the resident engine stopped during the command") && r.err().contains("protostar status"), r.err());
    }

    @Test
    void aFrontWhoseOutputIsClosedStillGetsTheExitCodeAndNeverRunsTheCommandAgain() throws Exception {
        Path socket = tmp.resolve("e.sock");
        started(socket, Duration.ofMinutes(5));
        OutputStream closed = new OutputStream() { // stdout piped into a program that has exited
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Front.talk(Front.connect(socket), new Wire.Request(tmp, false, 0, -1, new String[] {"switch", "--help"}, Map.of()),
                Path.of("engine.log"), closed, err);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anIdleEngineCloses() throws Exception {
        ResidentEngine engine = ResidentEngine.open(tmp.resolve("idle.sock"), Duration.ofMillis(200));
        Thread t = new Thread(engine::serve);
        t.start();
        assertEquals(0, talk(tmp.resolve("idle.sock"), tmp, Map.of(), "switch", "--help").code());
        t.join(BOUND.toMillis());
        assertFalse(t.isAlive(), "it stopped serving once idle");
        assertNull(Front.connect(tmp.resolve("idle.sock")), "and takes no command");
    }

    @Test
    void onlyOnWhenAskedAndForTheCommandsThatChangeWhatIsLive() {
        Map<String, String> on = Map.of("PROTOSTAR_RESIDENT", "on");
        assertTrue(Front.handedOver(new String[] {"switch", "--to", "previous"}, on));
        assertTrue(Front.handedOver(new String[] {"deploy"}, on));
        assertTrue(Front.handedOver(new String[] {"rollback", "--", "--debug"}, on));
        assertFalse(Front.handedOver(new String[] {"switch"}, Map.of()));
        assertFalse(Front.handedOver(new String[] {"switch"}, Map.of("PROTOSTAR_RESIDENT", "off")));
        assertFalse(Front.handedOver(new String[] {"status"}, on));
        assertFalse(Front.handedOver(new String[] {"deploy", "--debug"}, on), "--debug sets up a whole VM's logging");
        assertFalse(Front.handedOver(new String[0], on));
        assertNull(Front.settingsProblem(Map.of("PROTOSTAR_RESIDENT", "on", "PROTOSTAR_RESIDENT_IDLE", "30")));
        assertTrue(Front.settingsProblem(Map.of("PROTOSTAR_RESIDENT", "yes")).startsWith("PROTOSTAR_RESIDENT=yes: say on"));
        assertTrue(Front.settingsProblem(Map.of("PROTOSTAR_RESIDENT_IDLE", "10m")).startsWith("PROTOSTAR_RESIDENT_IDLE=10m: say how many seconds"));
        assertEquals(Duration.ofSeconds(30), Front.idle(Map.of("PROTOSTAR_RESIDENT_IDLE", "30")));
        assertEquals(Front.DEFAULT_IDLE, Front.idle(Map.of()));
    }

    @Test
    void theSocketLivesOnlyWhereNobodyElseMayEnter() throws Exception {
        assertTrue(Residence.ownedDir(tmp.resolve("fresh")));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("fresh"))));
        Path open = Files.createDirectory(tmp.resolve("open"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertFalse(Residence.ownedDir(open));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("fresh"));
        assertFalse(Residence.ownedDir(link), "a link could point anywhere");
    }
}
