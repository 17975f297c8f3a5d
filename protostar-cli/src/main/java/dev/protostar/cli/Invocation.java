package dev.protostar.cli;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where one command was typed: its working directory, its environment, and when its process started. A command run
 * in its own process has the process's; one that a front handed to the resident engine
 * ({@code dev.protostar.cli.resident}) carries the front's, as that engine serves many commands, from many shells, in
 * one process.
 *
 * @param cwd the directory relative paths start from, or null for the process's own
 * @param environment the command's variables, or null for the process's own
 * @param mainNanos {@link System#nanoTime()} when the command's main started
 * @param javaStart how long its Java VM took to get to main, or null when unknown
 */
public record Invocation(Path cwd, Map<String, String> environment, long mainNanos, Duration javaStart) {
    private static volatile Invocation process = new Invocation(null, null, System.nanoTime(), null);
    private static final ThreadLocal<Invocation> CURRENT = new ThreadLocal<>();

    public Invocation {
        environment = environment == null ? null : Map.copyOf(environment);
    }

    /** The invocation this thread's command runs for. */
    static Invocation current() {
        Invocation i = CURRENT.get();
        return i != null ? i : process;
    }

    static void processStarted(long mainNanos, Duration javaStart) {
        process = new Invocation(null, null, mainNanos, javaStart);
    }

    /** The variable {@code name}. */
    String variable(String name) {
        return environment == null ? System.getenv(name) : environment.get(name);
    }

    /** {@code file} as the engine should open it: relative ones from {@link #cwd}. Unchanged in its own process. */
    String path(String file) {
        return cwd == null || file == null || Path.of(file).isAbsolute() ? file : cwd.resolve(file).toString();
    }

    /**
     * Runs the command line {@code args} on this thread for this invocation, its output going to {@link System#out}
     * and {@link System#err} (which the resident engine routes per thread) as UTF-8; returns its exit code.
     */
    public int run(String[] args) {
        CURRENT.set(this);
        try {
            picocli.CommandLine cl = Protostar.commandLine(args);
            cl.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
            cl.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
            return cl.execute(args);
        } finally {
            CURRENT.remove();
        }
    }

    /** How long this process has run until now (its Java VM's start, when asked first thing in main), or null. */
    public static Duration processAge() {
        return WallTime.javaStart();
    }

    /** Whether this process's console shows the command's glyphs (else its output is folded to ASCII). */
    public static boolean consoleShowsGlyphs() {
        return ConsoleCharset.showsGlyphs();
    }

    /** UTF-8 in, ASCII out, as a console that cannot show the glyphs gets them. */
    public static OutputStream foldedToAscii(OutputStream out) {
        return new AsciiStream(out);
    }
}
