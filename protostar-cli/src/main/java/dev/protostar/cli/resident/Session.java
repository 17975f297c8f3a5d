package dev.protostar.cli.resident;

import dev.protostar.cli.Invocation;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One front's command in the resident engine: its output, as frames queued for the front and written by a thread of
 * their own, and at the end its exit code. When the front is gone, what is left to say is dropped.
 */
final class Session {
    private record Frame(int kind, byte[] bytes) {}

    private static final Frame END = new Frame(-1, new byte[0]);

    private final DataOutputStream wire;
    private final LinkedBlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final OutputStream out;
    private final OutputStream err;
    private final Thread writer;
    private volatile boolean ended;

    Session(OutputStream toFront, boolean ascii, String name) {
        this.wire = new DataOutputStream(toFront);
        this.out = stream(Wire.OUT, ascii);
        this.err = stream(Wire.ERR, ascii);
        this.writer = new Thread(this::send, name + "-out");
        writer.setDaemon(true);
        writer.start();
    }

    private OutputStream stream(int kind, boolean ascii) {
        OutputStream queued = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                byte[] copy = new byte[len];
                System.arraycopy(b, off, copy, 0, len);
                frames.add(new Frame(kind, copy));
            }
        };
        return ascii ? Invocation.foldedToAscii(queued) : queued;
    }

    /** Passes {@code b} on to the front; false once the command has ended. */
    boolean take(int kind, byte[] b, int off, int len) throws IOException {
        if (ended) {
            return false;
        }
        (kind == Wire.ERR ? err : out).write(b, off, len);
        return true;
    }

    boolean flush(int kind) throws IOException {
        if (ended) {
            return false;
        }
        (kind == Wire.ERR ? err : out).flush();
        return true;
    }

    boolean ended() {
        return ended;
    }

    void say(int kind, String line) throws IOException {
        byte[] b = (line + System.lineSeparator()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        take(kind, b, 0, b.length);
        flush(kind);
    }

    /**
     * Sends the exit code after all the output, and waits until it is written: a front that reads slowly (a pager) gets
     * all of it, as from a process of its own; a front that is gone ends the writer at once.
     */
    void exit(int code) throws IOException {
        flush(Wire.OUT);
        flush(Wire.ERR);
        ended = true;
        frames.add(new Frame(Wire.EXIT, new byte[] {(byte) (code >>> 24), (byte) (code >>> 16), (byte) (code >>> 8), (byte) code}));
        frames.add(END);
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true; // SIGTERM to the engine: the answer is written all the same
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void send() {
        try {
            while (true) {
                Frame f = frames.take();
                if (f == END) {
                    return;
                }
                Wire.frame(wire, f.kind(), f.bytes(), 0, f.bytes().length);
            }
        } catch (IOException | InterruptedException gone) {
            frames.clear(); // the front is gone: nobody reads what is left
        }
    }
}
