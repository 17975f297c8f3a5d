package dev.protostar.cli.resident;

import dev.protostar.cli.Invocation;
import dev.protostar.core.docker.WarmUp;
import dev.protostar.core.engine.WriteBehind;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine kept running between commands, so that a command does not pay for a Java VM's start and warm-up (most of
 * a rollback's second, and what three apps deploying at once run out of CPU for: docs/benchmark.md). It serves the
 * fronts ({@link Front}) of one user and one build of protostar on a unix socket only they can open, runs each command
 * on a thread of its own with the front's working directory and environment ({@link Invocation}), and exits when it
 * has had nothing to do for a while.
 *
 * <p>What a command changes is as safe as in a process of its own: the locks, fences and pending records that make a
 * killed command safe are in Docker and nginx, not in this process. A front that goes away (Ctrl-C, killed) makes its
 * command stop at the next safe point, as Ctrl-C does in a process of its own; this engine killed mid-command leaves
 * what a killed command leaves, which the next command finds and settles.
 */
public final class ResidentEngine {
    private final ServerSocketChannel server;
    private final Duration idle;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger served = new AtomicInteger();
    private final Set<Thread> commands = ConcurrentHashMap.newKeySet();
    private final Object quiet = new Object();
    private long lastEnded = System.nanoTime();
    private volatile boolean closing;

    private ResidentEngine(ServerSocketChannel server, Duration idle) {
        this.server = server;
        this.idle = idle;
    }

    /** {@code <socket> <idle seconds>}: as a front starts it. */
    public static void main(String[] args) throws Exception {
        Path socket = Path.of(args[0]);
        Duration idle = Duration.ofSeconds(Long.parseLong(args[1]));
        ignoreTerminalSignals();
        try (FileChannel lockFile = FileChannel.open(Residence.lockOf(socket), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock held = lockFile.tryLock();
            if (held == null) {
                return; // another one serves this socket: a front started two at once
            }
            ResidentEngine engine = open(socket, idle);
            System.err.println("protostar resident engine " + ProcessHandle.current().pid() + " serves " + socket);
            Routed.install();
            WriteBehind.turnOn();
            Runtime.getRuntime().addShutdownHook(new Thread(engine::stopCommands, "protostar-resident-stop"));
            WarmUp.start();
            Thread commands = new Thread(dev.protostar.cli.Protostar::commandLine, "protostar-warm-up-commands");
            commands.setDaemon(true);
            commands.start();
            engine.serve();
            Files.deleteIfExists(socket);
            WriteBehind.drain(Duration.ofMinutes(2)); // the last commands' records and lock releases
        }
        System.exit(0);
    }

    /** Binds {@code socket} (where a dead engine may have left the file) for its owner only. */
    static ResidentEngine open(Path socket, Duration idle) throws IOException {
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        return new ResidentEngine(server, idle);
    }

    /** Serves until idle for {@link #idle}, or closed. */
    void serve() {
        Thread watch = new Thread(this::closeWhenIdle, "protostar-resident-idle");
        watch.setDaemon(true);
        watch.start();
        while (!closing) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                break; // closed
            }
            synchronized (quiet) {
                if (closing) { // the idle check closed the socket as this one came: its front starts another engine
                    close(ch);
                    break;
                }
                running.incrementAndGet();
            }
            try {
                new Thread(() -> serve(ch), "protostar-command-" + served.incrementAndGet()).start();
            } catch (RuntimeException | Error e) { // no thread to be had: this front runs its command itself
                close(ch);
                synchronized (quiet) {
                    running.decrementAndGet();
                }
                if (e instanceof Error error) {
                    throw error;
                }
            }
        }
    }

    /**
     * SIGTERM (systemd, pkill, a shutdown): each running command stops at its next safe point, as Ctrl-C stops one in
     * a process of its own, and the engine waits for them (two minutes at most) before it exits.
     */
    void stopCommands() {
        close();
        commands.forEach(Thread::interrupt);
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (running.get() > 0 && System.nanoTime() < until) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
        WriteBehind.drain(Duration.ofNanos(Math.max(0, until - System.nanoTime())));
    }

    /** How many commands run now. */
    int running() {
        return running.get();
    }

    void close() {
        synchronized (quiet) {
            closing = true;
        }
        close(server);
    }

    private void closeWhenIdle() {
        while (!closing) {
            try {
                Thread.sleep(Math.min(1000, Math.max(10, idle.toMillis() / 4)));
            } catch (InterruptedException e) {
                return;
            }
            synchronized (quiet) {
                if (running.get() == 0 && System.nanoTime() - lastEnded >= idle.toNanos()) {
                    closing = true;
                    close(server);
                }
            }
        }
    }

    private void serve(SocketChannel ch) {
        Thread command = Thread.currentThread();
        commands.add(command);
        try (ch) {
            if (!Residence.ours(ch)) {
                return; // only its own user's fronts: the directory should have kept anyone else out
            }
            DataInputStream in = new DataInputStream(Wire.in(ch));
            Wire.Request r;
            try {
                r = Wire.read(in);
            } catch (IOException | RuntimeException e) {
                return; // the front went before it said what to run, or said something else: it runs the command itself
            }
            long mainNanos = System.nanoTime() - r.sinceMainNanos();
            DataOutputStream out = new DataOutputStream(Wire.out(ch));
            out.writeByte(Wire.ACCEPTED);
            out.flush();
            Session session = new Session(out, r.ascii(), command.getName());
            Stop stop = new Stop(command, session);
            Thread front = new Thread(() -> stop.whenFrontGoes(in), command.getName() + "-front");
            front.setDaemon(true);
            front.start();
            int code;
            Routed.attach(session);
            try {
                code = new Invocation(r.cwd(), r.environment(), mainNanos, r.javaStart()).run(r.args());
            } catch (RuntimeException | Error e) {
                // past picocli's handler, so anything may have happened: as a command that died mid-change
                session.say(Wire.ERR, "protostar: " + e);
                code = Front.UNSAFE;
            } finally {
                stop.over();
                Routed.detach();
                Thread.interrupted(); // a stop that came before over() must not cut the answer short
            }
            session.exit(code);
        } catch (IOException e) {
            // the front went while the answer was written: nothing more to do
        } finally {
            commands.remove(command);
            synchronized (quiet) {
                running.decrementAndGet();
                lastEnded = System.nanoTime();
            }
        }
    }

    /** A command's stop: Ctrl-C at its front, or the front gone, until the command is over. */
    private static final class Stop {
        private final Thread command;
        private final Session session;
        private boolean over;

        Stop(Thread command, Session session) {
            this.command = command;
            this.session = session;
        }

        /** Waits for the front's {@link Wire#STOP} or its going; then the command stops at its next safe point. */
        void whenFrontGoes(InputStream in) {
            boolean asked;
            try {
                asked = in.read() == Wire.STOP;
            } catch (IOException gone) {
                asked = false;
            }
            synchronized (this) {
                if (over) {
                    return;
                }
                if (asked) {
                    try {
                        session.say(Wire.ERR, "protostar: stopping at the next safe point…");
                    } catch (IOException e) {
                        // the front will not hear it
                    }
                }
                command.interrupt();
            }
        }

        synchronized void over() {
            over = true;
        }
    }

    private static void close(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing is all that is left to do
        }
    }

    /**
     * A terminal's Ctrl-C and hang-up are for the command typed there, not for this engine, which may serve other
     * commands: a front starts it in a session of its own where it can (setsid), and it ignores both in case not.
     */
    private static void ignoreTerminalSignals() {
        for (String name : new String[] {"INT", "HUP"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sun.misc.SignalHandler.SIG_IGN);
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // not on this platform
            }
        }
    }
}
