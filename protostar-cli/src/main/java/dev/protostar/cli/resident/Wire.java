package dev.protostar.cli.resident;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a front and the resident engine say to each other over their unix socket. The front: one {@link Request}, then
 * at most one {@link #STOP} byte (Ctrl-C). The engine: {@link #ACCEPTED} once it has the whole request and before it
 * runs anything (a front that never reads it knows that nothing ran), then {@link #OUT} and {@link #ERR} frames, then
 * {@link #EXIT} with the exit code.
 */
final class Wire {
    static final int MAGIC = 0x50535231; // "PSR1"
    static final int ACCEPTED = 0;
    static final int OUT = 1;
    static final int ERR = 2;
    static final int EXIT = 3;
    static final int STOP = 1;
    private static final int MOST = 16 << 20;

    private Wire() {}

    /**
     * One command as typed.
     *
     * @param sinceMainNanos how long before it was sent the front's main started
     * @param javaStartMillis how long the front's VM took to get to main, or -1 when unknown
     */
    record Request(Path cwd, boolean ascii, long sinceMainNanos, long javaStartMillis, String[] args, Map<String, String> environment) {
        Duration javaStart() {
            return javaStartMillis < 0 ? null : Duration.ofMillis(javaStartMillis);
        }
    }

    static void write(Request r, DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        text(out, r.cwd().toString());
        out.writeBoolean(r.ascii());
        out.writeLong(r.sinceMainNanos());
        out.writeLong(r.javaStartMillis());
        out.writeInt(r.args().length);
        for (String a : r.args()) {
            text(out, a);
        }
        out.writeInt(r.environment().size());
        for (Map.Entry<String, String> e : r.environment().entrySet()) {
            text(out, e.getKey());
            text(out, e.getValue());
        }
        out.flush();
    }

    static Request read(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("not a protostar front");
        }
        Path cwd = Path.of(text(in));
        boolean ascii = in.readBoolean();
        long since = in.readLong();
        long javaStart = in.readLong();
        String[] args = new String[count(in)];
        for (int i = 0; i < args.length; i++) {
            args[i] = text(in);
        }
        int n = count(in);
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            env.put(text(in), text(in));
        }
        return new Request(cwd, ascii, since, javaStart, args, env);
    }

    /** One frame of the engine's answer. */
    static void frame(DataOutputStream out, int kind, byte[] bytes, int off, int len) throws IOException {
        out.writeByte(kind);
        out.writeInt(len);
        out.write(bytes, off, len);
        out.flush();
    }

    static byte[] payload(DataInputStream in) throws IOException {
        int len = count(in);
        byte[] b = new byte[len];
        in.readFully(b);
        return b;
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MOST) {
            throw new IOException("a frame of " + n + " bytes");
        }
        return n;
    }

    private static void text(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String text(DataInputStream in) throws IOException {
        return new String(payload(in), StandardCharsets.UTF_8);
    }

    /**
     * The channel's reading side. Not {@code Channels.newInputStream}: on JDK 17 its streams of a socket channel take
     * the channel's one blocking lock, so a read waiting for the peer would hold up every write.
     */
    static InputStream in(SocketChannel ch) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : ch.read(ByteBuffer.wrap(b, off, len));
            }
        };
    }

    /** The channel's writing side (see {@link #in}). */
    static OutputStream out(SocketChannel ch) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buf = ByteBuffer.wrap(b, off, len);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
        };
    }
}
