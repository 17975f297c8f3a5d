package dev.protostar.cli.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder from a 127.0.0.1 port to an address on a local Docker bridge. It stands in for the kernel's
 * NAT rules of a published port, which outlive dockerd (--live-restore) where the userland docker-proxy, the path
 * for traffic to 127.0.0.1, dies with it. So the load can reach nginx through an engine restart, as outside
 * traffic to the main server would.
 */
final class Forwarder implements AutoCloseable {
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private volatile String targetHost;

    Forwarder(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(() -> {
            while (!closed) {
                try {
                    Socket in = server.accept();
                    Socket out = new Socket();
                    try {
                        out.connect(new InetSocketAddress(this.targetHost, targetPort), 5000);
                    } catch (IOException e) {
                        in.close(); // the client sees a reset, as it would from an unreachable port
                        continue;
                    }
                    open.add(in);
                    open.add(out);
                    pipe(in, out);
                    pipe(out, in);
                } catch (IOException e) {
                    // closed, or one connection failed: the next accept goes on
                }
            }
        }, "forwarder-accept");
        accept.setDaemon(true);
        accept.start();
    }

    /** Where new connections go from now on: the NAT rules follow a container that came back with another address. */
    void retarget(String host) {
        this.targetHost = host;
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void pipe(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                }
                to.shutdownOutput();
            } catch (IOException e) {
                // one side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "forwarder-pipe");
        t.setDaemon(true);
        t.start();
    }

    private void closeQuietly(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        open.forEach(this::closeQuietly);
    }
}
