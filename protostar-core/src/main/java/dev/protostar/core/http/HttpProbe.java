package dev.protostar.core.http;

import dev.protostar.core.Printable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.impl.io.ChunkedInputStream;
import org.apache.hc.core5.http.impl.io.ContentLengthInputStream;
import org.apache.hc.core5.http.impl.io.DefaultHttpResponseParser;
import org.apache.hc.core5.http.impl.io.IdentityInputStream;
import org.apache.hc.core5.http.impl.io.SessionInputBufferImpl;

/**
 * One HTTP/1.1 GET on a new connection, with a hard timeout for the whole exchange. The response is read
 * with Apache HttpCore's parser and framing (already on the class path through docker-java's transport).
 *
 * <p>Written by hand rather than with {@code java.net.http.HttpClient} because a probe must never reuse
 * a connection: after an nginx reload a reused keep-alive connection can still reach an old worker
 * and see the old color, and the JDK client pools connections and refuses a {@code Connection} header; HttpCore's
 * client connection would do, but the request is one fixed line and the socket's deadline is ours to keep.
 */
public final class HttpProbe {
    private static final int MAX_BODY = 64 * 1024;

    private HttpProbe() {}

    /** No connection could be made at all (refused, no route, unknown host, connect timeout). */
    public static final class Unreachable extends IOException {
        private static final long serialVersionUID = 1L;

        public Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The server took longer than the probe's timeout to answer (a slow answer, not a path that cannot be taken). */
    public static final class TimedOut extends java.net.SocketTimeoutException {
        private static final long serialVersionUID = 1L;

        public TimedOut(String message) {
            super(message);
        }
    }

    public record Response(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * @param baseUrl {@code http://host[:port]}
     * @param hostHeader the Host header to send, or null for the URL's host
     */
    public static Response get(String baseUrl, String path, String hostHeader, Duration timeout) throws IOException {
        return get(baseUrl, path, hostHeader, Map.of(), timeout);
    }

    /** @param headers more request headers (names and values already checked by the caller: no line breaks) */
    public static Response get(String baseUrl, String path, String hostHeader, Map<String, String> headers, Duration timeout)
            throws IOException {
        URI uri = URI.create(baseUrl);
        String host = uri.getHost();
        int port = uri.getPort() == -1 ? 80 : uri.getPort();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket socket = new Socket()) {
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            try {
                socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
            } catch (IOException e) {
                throw new Unreachable(baseUrl + ": " + e.getMessage(), e);
            }
            OutputStream out = socket.getOutputStream();
            String request = "GET " + path + " HTTP/1.1\r\n"
                    + "Host: " + (hostHeader == null ? host + (uri.getPort() == -1 ? "" : ":" + port) : hostHeader) + "\r\n"
                    + "User-Agent: protostar-probe\r\n"
                    + extra(headers)
                    + "Connection: close\r\n\r\n";
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return read(bounded(socket.getInputStream(), deadline, socket));
        }
    }

    private static String extra(Map<String, String> headers) {
        StringBuilder sb = new StringBuilder();
        headers.forEach((name, value) -> {
            if ((name + value).chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
                throw new IllegalArgumentException("refusing to send a header with a control character: " + Printable.of(name));
            }
            sb.append(name).append(": ").append(value).append("\r\n");
        });
        return sb.toString();
    }

    /** Bounds every read by what is left of the deadline: a server that drips bytes cannot stretch the probe. */
    private static InputStream bounded(InputStream in, long deadline, Socket socket) {
        return new FilterInputStream(in) {
            private void arm() throws IOException {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimedOut("response not complete within the timeout");
                }
                socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
            }

            @Override
            public int read() throws IOException {
                arm();
                return super.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                arm();
                return super.read(b, off, len);
            }
        };
    }

    /** Parses a raw HTTP/1.x response (status line, headers, blank line, body) as it came off the wire. */
    public static Response parse(byte[] raw) throws IOException {
        return read(new ByteArrayInputStream(raw));
    }

    /**
     * Reads one response with Apache HttpCore's parser and framing (chunked, Content-Length, or until the
     * connection closes), then undoes a gzip or deflate Content-Encoding and decodes the body in the charset
     * its Content-Type names (UTF-8 when none). At most {@value #MAX_BODY} bytes of the body are kept.
     */
    static Response read(InputStream in) throws IOException {
        SessionInputBufferImpl buffer = new SessionInputBufferImpl(8192);
        ClassicHttpResponse response;
        try {
            response = new DefaultHttpResponseParser().parse(buffer, in);
        } catch (HttpException e) {
            throw new IOException("not an HTTP response: " + Printable.of(e.getMessage()), e);
        } catch (MessageConstraintException e) {
            throw new IOException("response headers too large: " + e.getMessage(), e);
        }
        if (response == null) {
            throw new IOException("connection closed with no response");
        }
        Map<String, String> headers = new HashMap<>();
        for (Header h : response.getHeaders()) {
            headers.put(h.getName().toLowerCase(Locale.ROOT), h.getValue());
        }
        byte[] body = upTo(MAX_BODY, decoded(headers.get("content-encoding"), framed(headers, buffer, in)));
        return new Response(response.getCode(), headers, new String(body, charset(headers.get("content-type"))));
    }

    private static InputStream framed(Map<String, String> headers, SessionInputBufferImpl buffer, InputStream in) throws IOException {
        String te = headers.get("transfer-encoding");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            return new ChunkedInputStream(buffer, in);
        }
        String length = headers.get("content-length");
        if (length != null) {
            try {
                return new ContentLengthInputStream(buffer, in, Long.parseLong(length.trim()));
            } catch (NumberFormatException e) {
                throw new IOException("bad Content-Length: " + Printable.of(length));
            }
        }
        return new IdentityInputStream(buffer, in);
    }

    private static InputStream decoded(String encoding, InputStream body) throws IOException {
        if (encoding == null) {
            return body;
        }
        return switch (encoding.trim().toLowerCase(Locale.ROOT)) {
            case "gzip", "x-gzip" -> new GZIPInputStream(body);
            case "deflate" -> new InflaterInputStream(body);
            default -> body;
        };
    }

    /** Reads at most {@code max} bytes; a body cut off by the peer keeps what arrived. */
    private static byte[] upTo(int max, InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            int n;
            while (out.size() < max && (n = in.read(chunk, 0, Math.min(chunk.length, max - out.size()))) != -1) {
                out.write(chunk, 0, n);
            }
        } catch (ConnectionClosedException | EOFException e) {
            // a truncated body still says what the app answered so far
        }
        return out.toByteArray();
    }

    private static Charset charset(String contentType) {
        if (contentType != null) {
            try {
                Charset named = ContentType.parse(contentType).getCharset();
                if (named != null) {
                    return named;
                }
            } catch (RuntimeException e) {
                // an unknown or malformed charset: read it as UTF-8
            }
        }
        return StandardCharsets.UTF_8;
    }
}
