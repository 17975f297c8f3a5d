package dev.protostar.cli.resident;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The resident engine's {@link System#out} and {@link System#err}: what a thread writes goes to the front whose command
 * it runs for. The engine's own threads (the discover thread, a lock's heartbeat, the build) are started by the
 * command's thread and inherit its front; a thread that has none, or whose command has ended, writes to the engine's
 * log. A write never waits for a front: {@link Front} frames are queued ({@link Session}), so a front that stops
 * reading holds up no other command through these shared streams.
 */
final class Routed extends OutputStream {
    private static final InheritableThreadLocal<Session> FRONT = new InheritableThreadLocal<>();

    private final boolean err;
    private final OutputStream log;

    private Routed(boolean err, OutputStream log) {
        this.err = err;
        this.log = log;
    }

    /** Routes {@link System#out} and {@link System#err} from now on; what no front takes goes to the streams there were. */
    static void install() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(new PrintStream(new Routed(false, out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Routed(true, err), true, StandardCharsets.UTF_8));
    }

    static void attach(Session s) {
        FRONT.set(s);
    }

    static void detach() {
        FRONT.remove();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Session s = FRONT.get();
        if (s == null || !s.take(err ? Wire.ERR : Wire.OUT, b, off, len)) {
            log.write(b, off, len);
        }
    }

    @Override
    public void flush() throws IOException {
        Session s = FRONT.get();
        if (s == null || !s.flush(err ? Wire.ERR : Wire.OUT)) {
            log.flush();
        }
    }
}
