package dev.protostar.cli.resident;

import dev.protostar.cli.DockerLog;
import dev.protostar.cli.Invocation;
import dev.protostar.cli.Protostar;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The protostar command's entry. With {@code PROTOSTAR_RESIDENT=on}, a deploy, switch or rollback is handed to this
 * user's {@link ResidentEngine} (started on first use), and this process only passes on its output and exit code:
 * it loads a handful of classes, where running the command itself means loading and warming up the engine. Anything
 * else runs here as before, and so does the command that finds no engine: it starts one for the next. Where perl is
 * there, bin/protostar hands the command over in bin/protostar-front instead, which says the same in a process that
 * starts in milliseconds, and runs this class where it cannot (FrontScriptTest).
 */
public final class Front {
    /** The commands handed over: the ones that change what is live, where a user waits for every second. */
    static final Set<String> HANDED_OVER = Set.of("deploy", "switch", "rollback");
    static final String SWITCH = "PROTOSTAR_RESIDENT";
    static final String IDLE = "PROTOSTAR_RESIDENT_IDLE";
    static final Duration DEFAULT_IDLE = Duration.ofMinutes(10);
    /** The variables the engine process itself gets (nginx's test and reload on this machine run with these). */
    static final List<String> ENGINE_ENVIRONMENT = List.of("PATH", "HOME", "USER", "LOGNAME", "TZ", "TMPDIR", "XDG_RUNTIME_DIR");
    static final int NOT_ACCEPTED = -1;
    /** As the command's own exit code 4: it may have changed something and could not say what. */
    static final int UNSAFE = 4;

    private Front() {}

    public static void main(String[] args) {
        long mainNanos = System.nanoTime();
        Map<String, String> env = System.getenv();
        String problem = settingsProblem(env);
        if (problem != null) {
            System.err.println("protostar: " + problem);
            System.exit(2);
        }
        if (handedOver(args, env)) {
            int code = handOver(args, env, mainNanos);
            if (code != NOT_ACCEPTED) {
                System.exit(code);
            }
        }
        Protostar.main(args);
    }

    /** What is wrong with the variables that set the resident engine up, or null. */
    static String settingsProblem(Map<String, String> env) {
        String on = env.get(SWITCH);
        if (on != null && !on.isEmpty() && !on.equals("on") && !on.equals("off")) {
            return SWITCH + "=" + on + ": say on (commands that change what is live go to a resident engine) or off";
        }
        String idle = env.get(IDLE);
        if (idle != null && !idle.isEmpty() && !idle.matches("[1-9][0-9]{0,6}")) {
            return IDLE + "=" + idle + ": say how many seconds (1 to 9999999) the resident engine waits for a command before it exits";
        }
        return null;
    }

    static boolean handedOver(String[] args, Map<String, String> env) {
        if (!"on".equals(env.get(SWITCH)) || args.length == 0 || !HANDED_OVER.contains(args[0])) {
            return false;
        }
        return !DockerLog.asked(args); // --debug sets up a whole Java VM's logging
    }

    private static int handOver(String[] args, Map<String, String> env, long mainNanos) {
        Optional<Residence> home = Residence.here(env);
        if (home.isEmpty()) {
            return NOT_ACCEPTED;
        }
        Path socket = home.get().socket();
        Duration age = Invocation.processAge();
        long javaStart = age == null ? -1 : age.toMillis() - (System.nanoTime() - mainNanos) / 1_000_000;
        SocketChannel ch = connect(socket);
        if (ch != null) {
            Wire.Request r = new Wire.Request(Path.of("").toAbsolutePath(), !Invocation.consoleShowsGlyphs(),
                    System.nanoTime() - mainNanos, javaStart, args, env);
            int code = talk(ch, r, home.get().log(), new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err));
            if (code != NOT_ACCEPTED) {
                return code;
            }
        }
        // No engine, or one that was closing as this front came: this command runs here, as fast as without one (an
        // engine's own start and warm-up would take longer), and the engine started now serves the next.
        try {
            start(home.get(), env);
        } catch (IOException | RuntimeException e) {
            // the next command tries again; this one runs here all the same
        }
        return NOT_ACCEPTED;
    }

    /** A connection to the engine at {@code socket}; null when none listens there, or one that is not this user's. */
    static SocketChannel connect(Path socket) {
        if (!Files.exists(socket)) {
            return null;
        }
        try {
            SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            if (Residence.ours(ch)) {
                return ch;
            }
            ch.close(); // never this command's environment to someone else's process
            return null;
        } catch (IOException e) {
            return null; // a socket its engine left behind
        }
    }

    /** Starts an engine for {@code home}, in a session of its own where setsid is there, so the terminal's signals miss it. */
    private static void start(Residence home, Map<String, String> env) throws IOException {
        List<String> cmd = new ArrayList<>();
        for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(setsid))) {
                cmd.add(setsid);
                break;
            }
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // one long-lived VM for all of this user's commands: little heap, one GC thread
        // out of memory: exit, so that each front says its command died mid-change (exit 4), rather than hang on
        cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-Dfile.encoding=UTF-8", "-cp", Residence.jar().orElseThrow().toString(),
                ResidentEngine.class.getName(), home.socket().toString(), Long.toString(idle(env).toSeconds())));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.dir().toFile()).redirectInput(new File("/dev/null"))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.log().toFile())).redirectErrorStream(true);
        // Each command brings its own environment. The engine keeps only what a process needs: not this front's secrets
        // for its whole life, and not Jenkins' JENKINS_NODE_COOKIE and BUILD_ID, by which a build's end would kill it
        // (hudson.util.ProcessTree) while it serves another build's command.
        pb.environment().clear();
        for (String keep : ENGINE_ENVIRONMENT) {
            String value = env.get(keep);
            if (value != null) {
                pb.environment().put(keep, value);
            }
        }
        // UTF-8 whatever the starting front's locale: Java takes the encoding of file names from it, and the engine
        // opens the files of every front
        pb.environment().put("LC_ALL", "C.UTF-8");
        pb.start();
    }

    static Duration idle(Map<String, String> env) {
        String idle = env.get(IDLE);
        return idle == null || idle.isEmpty() ? DEFAULT_IDLE : Duration.ofSeconds(Long.parseLong(idle));
    }

    /** Sends the command, passes on what comes back; its exit code, or {@link #NOT_ACCEPTED} when the engine never took it. */
    static int talk(SocketChannel ch, Wire.Request r, Path log, OutputStream out, OutputStream err) {
        try {
            DataOutputStream toEngine = new DataOutputStream(Wire.out(ch));
            DataInputStream in = new DataInputStream(Wire.in(ch));
            try {
                Wire.write(r, toEngine);
                if (in.readByte() != Wire.ACCEPTED) {
                    return NOT_ACCEPTED;
                }
            } catch (IOException closed) {
                return NOT_ACCEPTED; // an engine that was closing as we came
            }
            CountDownLatch done = new CountDownLatch(1);
            Thread stop = new Thread("protostar-stop") { // not a lambda: its first one costs a front's VM a bootstrap
                @Override
                public void run() {
                    stopAtSafePoint(toEngine, done);
                }
            };
            Runtime.getRuntime().addShutdownHook(stop);
            // From here on the command runs: whatever happens, it is never run a second time here.
            Passed shown = new Passed(out, err);
            try {
                while (true) {
                    int kind = in.readByte();
                    byte[] b = Wire.payload(in);
                    switch (kind) {
                        case Wire.OUT, Wire.ERR -> shown.pass(kind, b);
                        case Wire.EXIT -> {
                            return ByteBuffer.wrap(b).getInt();
                        }
                        default -> throw new IOException("a frame of kind " + kind);
                    }
                }
            } catch (IOException e) {
                shown.pass(Wire.ERR, ("protostar: the resident engine stopped during the command, which it leaves as a killed command "
                        + "would: run 'protostar status' to see what is live, then the command again; " + log + " may say why"
                        + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
                return UNSAFE;
            } finally {
                done.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(stop);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C came: the hook is running, and now returns
                }
            }
        } finally {
            try {
                ch.close();
            } catch (IOException e) {
                // the answer is in; nothing is lost
            }
        }
    }

    /** Where the command's output goes here; a stream that can no longer be written (a closed pipe) is given up, not the command. */
    private static final class Passed {
        private final OutputStream out;
        private final OutputStream err;
        private boolean outGone;
        private boolean errGone;

        Passed(OutputStream out, OutputStream err) {
            this.out = out;
            this.err = err;
        }

        void pass(int kind, byte[] b) {
            boolean toErr = kind == Wire.ERR;
            if (toErr ? errGone : outGone) {
                return;
            }
            try {
                (toErr ? err : out).write(b);
            } catch (IOException e) {
                if (toErr) {
                    errGone = true;
                } else {
                    outGone = true;
                }
            }
        }
    }

    /** Ctrl-C or SIGTERM here: the engine stops the command at its next safe point; this process waits for that. */
    private static void stopAtSafePoint(DataOutputStream toEngine, CountDownLatch done) {
        if (done.getCount() == 0) {
            return;
        }
        try {
            toEngine.writeByte(Wire.STOP);
            toEngine.flush();
            done.await(2, TimeUnit.MINUTES);
        } catch (IOException | InterruptedException e) {
            // the engine is gone, and with it the command
        }
    }
}
