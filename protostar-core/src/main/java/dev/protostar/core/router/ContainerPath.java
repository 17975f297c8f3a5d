package dev.protostar.core.router;

import dev.protostar.core.docker.Docker;
import dev.protostar.core.docker.DockerException;
import dev.protostar.core.docker.Exec;
import dev.protostar.core.http.HttpProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * nginx in a container: every probe runs inside the nginx container through Docker exec, so it
 * takes nginx's own network path and needs nothing but the Docker API. The image needs curl or
 * wget (nginx's Alpine images have busybox wget; its Debian images have curl); connections are
 * read from the container's own /proc/net/tcp.
 */
final class ContainerPath implements NetworkPath {
    private final Docker docker;
    private final String container;
    private volatile String client; // "curl" or "wget", found on first use
    private volatile boolean wgetWithoutTimeout; // Debian's static busybox 1.35 wget crashes on -T
    private volatile boolean noTimeoutCommand;    // and then "timeout" ends a hung wget instead, where there is one

    ContainerPath(Docker docker, String container) {
        this.docker = docker;
        this.container = container;
    }

    @Override
    public HttpProbe.Response get(String baseUrl, String path, String hostHeader, Duration timeout) throws IOException {
        String url = baseUrl + path;
        Exec.Result r = run(url, hostHeader, timeout);
        if (client.equals("wget") && r.exitCode() == 139 && !wgetWithoutTimeout) {
            wgetWithoutTimeout = true;
            r = run(url, hostHeader, timeout);
        }
        if (wgetWithoutTimeout && !noTimeoutCommand && (r.exitCode() == 126 || r.exitCode() == 127)
                && r.output().contains("timeout")) {
            noTimeoutCommand = true; // the exec's own deadline still bounds the wait, but a hung wget stays behind
            r = run(url, hostHeader, timeout);
        }
        return client.equals("curl") ? fromCurl(url, r) : fromWget(url, r);
    }

    private Exec.Result run(String url, String hostHeader, Duration timeout) throws IOException {
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        String tool = client();
        List<String> cmd = new ArrayList<>();
        if (tool.equals("curl")) {
            cmd.addAll(List.of("curl", "-s", "-i", "--max-time", String.valueOf(seconds)));
            if (hostHeader != null) {
                cmd.addAll(List.of("-H", "Host: " + hostHeader));
            }
        } else {
            if (wgetWithoutTimeout && !noTimeoutCommand) {
                cmd.addAll(List.of("timeout", "-s", "KILL", String.valueOf(seconds))); // no wget is left hanging in nginx
            }
            cmd.addAll(List.of("wget", "-q", "-S", "-O", "-"));
            if (!wgetWithoutTimeout) {
                cmd.addAll(List.of("-T", String.valueOf(seconds)));
            }
            if (hostHeader != null) {
                cmd.addAll(List.of("--header", "Host: " + hostHeader));
            }
        }
        cmd.add(url);
        try {
            return Exec.run(docker, container, cmd, timeout.plusSeconds(2));
        } catch (DockerException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private String client() throws IOException {
        String known = client;
        if (known != null) {
            return known;
        }
        for (String tool : List.of("curl", "wget")) {
            try {
                Exec.Result r = Exec.run(docker, container, List.of(tool, "--help"), Duration.ofSeconds(10));
                if (r.exitCode() != 126 && r.exitCode() != 127 && !r.output().contains("executable file not found")) {
                    client = tool;
                    return tool;
                }
            } catch (DockerException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        throw new IOException("the nginx container " + container + " has neither curl nor wget, which the health gate and "
                + "the switch check run inside it; use an nginx image that has one (nginx:alpine has wget)");
    }

    private static HttpProbe.Response fromCurl(String url, Exec.Result r) throws IOException {
        if (r.exitCode() == 7 || r.exitCode() == 6) { // could not connect / resolve
            throw new HttpProbe.Unreachable(url + ": connection refused (curl exit " + r.exitCode() + ")", null);
        }
        if (r.exitCode() != 0) {
            throw new IOException(url + ": curl exit " + r.exitCode() + " " + r.stderr().strip());
        }
        return HttpProbe.parse(r.stdout().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** busybox wget -S prints the response headers, indented, on stderr and the body (2xx only) on stdout. */
    private static HttpProbe.Response fromWget(String url, Exec.Result r) throws IOException {
        StringBuilder head = new StringBuilder();
        for (String line : r.stderr().split("\n")) {
            String t = line.strip();
            if (t.startsWith("HTTP/")) {
                head.setLength(0); // keep the last response (after redirects)
                head.append(t).append("\r\n");
            } else if (line.startsWith("  ") && t.contains(":") && head.length() > 0) {
                head.append(t).append("\r\n");
            }
        }
        if (head.length() == 0) {
            String err = r.stderr().strip();
            if (err.contains("refused") || err.contains("can't connect") || err.contains("bad address") || err.contains("unreachable")) {
                throw new HttpProbe.Unreachable(url + ": " + err, null);
            }
            throw new IOException(url + ": " + (err.isEmpty() ? "wget exit " + r.exitCode() : err));
        }
        // The body went through wget's chunk decoding already.
        String raw = head.toString().replaceAll("(?im)^transfer-encoding:[^\r]*\r\n", "") + "\r\n" + r.stdout();
        return HttpProbe.parse(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public int openConnections(String endpoint) {
        try {
            Exec.Result r = Exec.run(docker, container, List.of("cat", "/proc/net/tcp", "/proc/net/tcp6"), Duration.ofSeconds(10));
            if (r.stdout().isEmpty()) {
                return -1;
            }
            return SocketTable.established(List.of(r.stdout().split("\n")), endpoint, false);
        } catch (DockerException e) {
            return -1;
        }
    }
}
