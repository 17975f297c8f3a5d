package dev.protostar.core.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 GET on a new connection, with a hard timeout for the whole exchange.
 *
 * <p>Written by hand rather than with {@code java.net.http.HttpClient} because a probe must never reuse
 * a connection: after an nginx reload a reused keep-alive connection can still reach an old worker
 * and see the old color, and the JDK client pools connections and refuses a {@code Connection} header.
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
                    + "Connection: close\r\n\r\n";
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] raw = readAll(socket.getInputStream(), deadline, socket);
            return parse(raw);
        }
    }

    private static byte[] readAll(InputStream in, long deadline, Socket socket) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int n;
        while ((n = in.read(chunk)) != -1) {
            buf.write(chunk, 0, n);
            if (buf.size() > MAX_BODY + 16 * 1024) {
                break;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IOException("response not complete within the timeout");
            }
            socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
        }
        return buf.toByteArray();
    }

    /** Parses a raw HTTP/1.x response (status line, headers, blank line, body). */
    public static Response parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            throw new IOException(raw.length == 0 ? "connection closed with no response" : "incomplete response headers");
        }
        String[] lines = text.substring(0, headEnd).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP response: " + lines[0]);
        }
        int status;
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (NumberFormatException e) {
            throw new IOException("bad status line: " + lines[0]);
        }
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] bodyBytes = java.util.Arrays.copyOfRange(raw, headEnd + 4, raw.length);
        String body = new String(bodyBytes, StandardCharsets.UTF_8);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Response(status, headers, body.length() > MAX_BODY ? body.substring(0, MAX_BODY) : body);
    }

    private static String unchunk(String body) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            int eol = body.indexOf("\r\n", i);
            if (eol < 0) break;
            int size;
            try {
                size = Integer.parseInt(body.substring(i, eol).split(";")[0].trim(), 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (size == 0) break;
            int start = eol + 2;
            out.append(body, start, Math.min(body.length(), start + size));
            i = start + size + 2;
        }
        return out.toString();
    }
}
