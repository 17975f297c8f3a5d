package dev.protostar.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An HTTP/1.1 client that keeps one connection alive and never retries, as {@code wrk} or a connection pool without a
 * stale check does: it sends each request on the connection it has, whatever happened to it while idle, and a
 * request that gets no answer is a failed request. It opens a new connection only for the next request after one
 * ended (each such request is recorded as client {@link #NEW_CONNECTION}).
 *
 * <p>Before it writes a request on a reused connection it looks, without waiting more than 1 ms and without changing
 * what it then does, whether the server has already closed it (an end of stream is waiting): nginx's old workers
 * close their idle keep-alive connections when a reload tells them to shut down. The failed requests are told apart
 * by their error's first word:
 * <ul>
 * <li>{@link #CLOSED_IDLE}: the connection had been closed by the server while idle, before the request was written
 *     (the request then fails: no answer);</li>
 * <li>{@link #CLOSED_BEFORE_ANSWER}: closed after the request was written, before any byte of an answer;</li>
 * <li>{@link #RESET}: a connection reset (RST) on writing or reading, before a whole answer;</li>
 * <li>anything else: refused, timed out, cut in the middle of an answer, or a non-2xx status.</li>
 * </ul>
 * An answer with {@code Connection: close} is not a failure; the connection ends after it.
 */
final class NoRetryClient implements AutoCloseable {
    static final String CLIENT = "no-retry";
    static final String NEW_CONNECTION = "no-retry, new connection";
    static final String CLOSED_IDLE = "closed-idle";
    static final String CLOSED_BEFORE_ANSWER = "closed-before-answer";
    static final String RESET = "reset";

    private final String host;
    private final int port;
    private final Recorder recorder;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    NoRetryClient(String host, int port, Recorder recorder, Duration timeout) {
        this.host = host;
        this.port = port;
        this.recorder = recorder;
        this.timeoutMillis = (int) timeout.toMillis();
    }

    /** A request on / every {@code pace}, until {@code max} requests, the deadline (System.nanoTime) or {@code stop}. */
    void run(Duration pace, int max, long deadline, AtomicBoolean stop) {
        long next = System.nanoTime();
        for (int i = 0; i < max && !stop.get() && System.nanoTime() < deadline; i++) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
            next = Math.max(next + pace.toNanos(), System.nanoTime());
            recorder.add(request("/"));
        }
    }

    Request request(String path) {
        boolean fresh = socket == null;
        String client = fresh ? NEW_CONNECTION : CLIENT;
        boolean closedWhileIdle = !fresh && closedByServer();
        long t0 = Clock.micros();
        try {
            if (fresh) {
                socket = new Socket();
                socket.connect(new InetSocketAddress(host, port), timeoutMillis);
                socket.setSoTimeout(timeoutMillis);
                socket.setTcpNoDelay(true);
                in = new BufferedInputStream(socket.getInputStream());
                out = socket.getOutputStream();
            }
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nUser-Agent: protostar-bench-no-retry\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Answer a = read();
            if (a == null) {
                close();
                return new Request(client, path, t0, Clock.micros(), 0, null,
                        (closedWhileIdle ? CLOSED_IDLE + ": the server had closed the idle connection before the request was written"
                                : CLOSED_BEFORE_ANSWER + ": end of stream before any byte of an answer"));
            }
            if (a.close) {
                close();
            }
            return new Request(client, path, t0, Clock.micros(), a.status, Load.colorOf(a.status, a.body), null);
        } catch (IOException e) {
            close();
            String why = e instanceof SocketException && e.getMessage() != null
                    && (e.getMessage().contains("reset") || e.getMessage().contains("Broken pipe")) ? RESET : "error";
            return new Request(client, path, t0, Clock.micros(), 0, null,
                    (closedWhileIdle ? CLOSED_IDLE + " (then " + why + ")" : why) + ": " + e);
        }
    }

    /** Whether an end of stream (or a reset) is already waiting on the idle connection; waits at most 1 ms. */
    private boolean closedByServer() {
        try {
            socket.setSoTimeout(1);
            in.mark(1);
            int b = in.read();
            in.reset();
            return b < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        } finally {
            try {
                socket.setSoTimeout(timeoutMillis);
            } catch (SocketException ignored) {
                // the request will fail on it
            }
        }
    }

    private record Answer(int status, String body, boolean close) {}

    /** One answer: null when the stream ended before its first byte. */
    private Answer read() throws IOException {
        String statusLine = line(true);
        if (statusLine == null) {
            return null;
        }
        String[] s = statusLine.split(" ", 3);
        if (s.length < 2 || !s[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1 status line: " + statusLine);
        }
        int status = Integer.parseInt(s[1]);
        long length = -1;
        boolean chunked = false;
        boolean close = s[0].equals("HTTP/1.0");
        for (String h = line(false); !h.isEmpty(); h = line(false)) {
            int colon = h.indexOf(':');
            String name = colon < 0 ? h : h.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = colon < 0 ? "" : h.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.contains("chunked");
                case "connection" -> close = value.contains("close") || (close && !value.contains("keep-alive"));
                default -> { }
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (long size = Long.parseLong(line(false).split(";")[0].strip(), 16); size > 0;
                 size = Long.parseLong(line(false).split(";")[0].strip(), 16)) {
                copy(size, body);
                line(false);
            }
            while (!line(false).isEmpty()) {
                // trailers
            }
        } else if (length >= 0) {
            copy(length, body);
        } else {
            body.write(in.readAllBytes()); // no length: the answer ends with the connection
            close = true;
        }
        return new Answer(status, body.toString(StandardCharsets.UTF_8), close);
    }

    private void copy(long n, ByteArrayOutputStream to) throws IOException {
        if (n > 1_000_000) {
            throw new IOException("answer too long: " + n);
        }
        byte[] b = in.readNBytes((int) n);
        if (b.length < n) {
            throw new IOException("end of stream in the middle of an answer");
        }
        to.write(b);
    }

    /** A CRLF-terminated line; null at an end of stream before its first byte only if {@code first}. */
    private String line(boolean first) throws IOException {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < 16_384; i++) {
            int c = in.read();
            if (c < 0) {
                if (first && i == 0) {
                    return null;
                }
                throw new IOException("end of stream in the middle of an answer");
            }
            if (c == '\n') {
                int n = l.length();
                return n > 0 && l.charAt(n - 1) == '\r' ? l.substring(0, n - 1) : l.toString();
            }
            l.append((char) c);
        }
        throw new IOException("header line too long");
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closed anyway
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
