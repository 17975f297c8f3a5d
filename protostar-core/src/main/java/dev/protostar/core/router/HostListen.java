package dev.protostar.core.router;

import dev.protostar.core.Printable;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether nginx on this host could listen on an address it does not serve yet. The address is tried
 * with a bind; when something holds it, what answers there tells nginx (which may hold it through
 * its own configuration) from another process. Another nginx on the same port passes for this one.
 */
final class HostListen {
    private static final int ANSWER_TIMEOUT_MS = 5000;
    private static final Pattern SERVER = Pattern.compile("(?im)^Server:\\s*(\\S[^\\r\\n]*)");

    private HostListen() {}

    static Optional<String> problem(ListenClaims.Address address) {
        String host = "*".equals(address.host()) ? "0.0.0.0" : address.host().replaceAll("^\\[|\\]$", "");
        InetAddress ip;
        try {
            ip = InetAddress.getByName(host); // a literal (the spec allows no names): no lookup
        } catch (IOException e) {
            return Optional.empty();
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(false);
            probe.bind(new InetSocketAddress(ip, address.port()), 1);
            return Optional.empty(); // free: nginx can take it
        } catch (BindException e) {
            String why = String.valueOf(e.getMessage());
            if (why.contains("assign requested address")) {
                return Optional.of("this host has no address " + host);
            }
            // in use, or a privileged port this user may not bind (nginx, as root, may): look at what answers
        } catch (IOException e) {
            return Optional.empty(); // cannot tell; nginx's own checks still run
        }
        return answer(ip.isAnyLocalAddress() ? loopback(ip) : ip, address.port());
    }

    private static InetAddress loopback(InetAddress any) {
        try {
            return InetAddress.getByName(any instanceof java.net.Inet6Address ? "::1" : "127.0.0.1");
        } catch (IOException e) {
            return InetAddress.getLoopbackAddress();
        }
    }

    /** Empty when nothing answers there or nginx does; otherwise what holds the port. */
    private static Optional<String> answer(InetAddress ip, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(ip, port), ANSWER_TIMEOUT_MS);
            s.setSoTimeout(ANSWER_TIMEOUT_MS);
            s.getOutputStream().write("HEAD / HTTP/1.0\r\nHost: protostar-listen-check\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String head = readHead(s.getInputStream());
            Matcher server = SERVER.matcher(head);
            if (server.find() && server.group(1).toLowerCase(Locale.ROOT).startsWith("nginx")) {
                return Optional.empty();
            }
            if (!head.startsWith("HTTP/")) {
                return Optional.of("port " + port + " is already taken by a process that is not nginx (it gives no HTTP answer)");
            }
            return Optional.of("port " + port + " is already taken by a process that is not nginx (it answers "
                    + (server.find(0) ? "as " + Printable.of(server.group(1)) : "without a Server header") + ")");
        } catch (java.net.ConnectException refused) {
            return Optional.empty(); // nobody listens: the bind failed for lack of privilege, and nginx has it
        } catch (IOException e) {
            return Optional.of("port " + port + " is already taken by a process that is not nginx (it gives no HTTP answer: "
                    + e.getMessage() + ")");
        }
    }

    private static String readHead(InputStream in) throws IOException {
        byte[] buf = new byte[4096];
        int n = 0;
        while (n < buf.length) {
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                break;
            }
            n += r;
            if (new String(buf, 0, n, StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                break;
            }
        }
        return new String(buf, 0, n, StandardCharsets.ISO_8859_1);
    }
}
