package dev.protostar.core.router;

import dev.protostar.core.Printable;
import dev.protostar.core.docker.Docker;
import dev.protostar.core.docker.DockerException;
import dev.protostar.core.docker.Exec;
import dev.protostar.core.http.HttpProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    public HttpProbe.Response get(String baseUrl, String path, String hostHeader, Map<String, String> headers, Duration timeout)
            throws IOException {
        String url = baseUrl + path;
        Exec.Result r = run(url, hostHeader, headers, timeout);
        if (client.equals("wget") && r.exitCode() == 139 && !wgetWithoutTimeout) {
            wgetWithoutTimeout = true;
            learn();
            r = run(url, hostHeader, headers, timeout);
        }
        if (wgetWithoutTimeout && !noTimeoutCommand && (r.exitCode() == 126 || r.exitCode() == 127)
                && r.output().contains("timeout")) {
            noTimeoutCommand = true; // the exec's own deadline still bounds the wait, but a hung wget stays behind
            learn();
            r = run(url, hostHeader, headers, timeout);
        }
        return client.equals("curl") ? fromCurl(url, r) : fromWget(url, r);
    }

    /**
     * All requests in one exec (a shell loop in the nginx container) instead of one exec each: an exec
     * costs 50-100 ms, a request through nginx a millisecond. Falls back to one exec per request where
     * the image has no sh, or the client is not settled yet.
     */
    @Override
    public List<Object> getEach(String baseUrl, String path, String hostHeader, Map<String, String> headers, Duration timeout,
                                int count) {
        String url = baseUrl + path;
        List<Object> first = NetworkPath.super.getEach(baseUrl, path, hostHeader, headers, timeout, 1); // settles client and flags
        if (count == 1 || !(first.get(0) instanceof HttpProbe.Response)) {
            List<Object> rest = count == 1 ? List.of()
                    : NetworkPath.super.getEach(baseUrl, path, hostHeader, headers, timeout, count - 1);
            List<Object> all = new ArrayList<>(first);
            all.addAll(rest);
            return all;
        }
        List<String> cmd;
        try {
            cmd = batch(command(url, hostHeader, headers, timeout), count - 1);
        } catch (IOException e) {
            return all(first, e, count);
        }
        Exec.Result r;
        try {
            r = Exec.run(docker, container, cmd, timeout.plusSeconds(2).multipliedBy(count));
        } catch (DockerException e) {
            return NetworkPath.super.getEach(baseUrl, path, hostHeader, headers, timeout, count);
        }
        // Split as ISO-8859-1, one char per byte, so each body keeps its exact bytes.
        String stdout = new String(r.rawStdout(), StandardCharsets.ISO_8859_1);
        int ran = Math.min(countOf(stdout, END), countOf(r.stderr(), END));
        Matcher last = Pattern.compile(Pattern.quote(END) + "(-?\\d+)\n$").matcher(stdout);
        boolean stoppedEarly = ran >= 1 && ran < count - 1 && last.find() && !"0".equals(last.group(1));
        if (ran < count - 1 && !stoppedEarly) {
            // no sh in the image, or output past the exec's cap: one exec per request instead
            List<Object> all = new ArrayList<>(first);
            all.addAll(NetworkPath.super.getEach(baseUrl, path, hostHeader, headers, timeout, count - 1));
            return all;
        }
        String[] outs = stdout.split(END + "-?\\d*\n", -1);
        String[] errs = r.stderr().split(END + "\n", -1);
        Matcher codes = Pattern.compile(END + "(-?\\d+)").matcher(stdout);
        List<Object> all = new ArrayList<>(first);
        for (int i = 0; i < count - 1; i++) {
            if (i >= ran && stoppedEarly) {
                all.add(new IOException(url + ": not sent, request " + (ran + 1) + " of " + count + " failed"));
                continue;
            }
            if (!codes.find() || i >= outs.length || i >= errs.length) {
                all.add(new IOException(url + ": no result from the batched probe in the nginx container (" + r.output() + ")"));
                continue;
            }
            byte[] raw = outs[i].getBytes(StandardCharsets.ISO_8859_1);
            Exec.Result each = new Exec.Result(Integer.parseInt(codes.group(1)), new String(raw, StandardCharsets.UTF_8), errs[i], raw);
            try {
                all.add(client.equals("curl") ? fromCurl(url, each) : fromWget(url, each));
            } catch (IOException e) {
                all.add(e);
            }
        }
        return all;
    }

    private static final String END = "<<protostar-probe-end>>";

    /**
     * {@code one} run {@code times} times by a shell in the nginx container. The script is a constant but for
     * the count: the request's words come in as {@code "$@"}, so nothing from the URL or the header is ever
     * parsed by the shell.
     */
    static List<String> batch(List<String> one, int times) {
        // Stops after a request that failed (curl: no answer; wget: that, or an error status): each could take its whole timeout.
        String script = "i=0; while [ $i -lt " + Math.max(0, times) + " ]; do \"$@\"; c=$?; echo \"" + END + "$c\"; echo \"" + END
                + "\" >&2; i=$((i+1)); [ $c -eq 0 ] || break; done";
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", script, "sh"));
        cmd.addAll(one);
        return cmd;
    }

    private static List<Object> all(List<Object> first, IOException e, int count) {
        List<Object> all = new ArrayList<>(first);
        while (all.size() < count) {
            all.add(e);
        }
        return all;
    }

    private static int countOf(String text, String mark) {
        int n = 0;
        for (int i = text.indexOf(mark); i >= 0; i = text.indexOf(mark, i + mark.length())) {
            n++;
        }
        return n;
    }

    private List<String> command(String url, String hostHeader, Map<String, String> headers, Duration timeout) throws IOException {
        return command(client, wgetWithoutTimeout, noTimeoutCommand, url, hostHeader, headers, timeout);
    }

    /**
     * The probe's argv (no shell). The URL and the Host header are checked once more here, where they meet
     * curl and wget: one word each, no whitespace or control characters, and the URL an http:// URL (so it
     * can never be read as an option); curl gets {@code --globoff}, so '[' and '{' in it are not patterns.
     */
    static List<String> command(String client, boolean wgetWithoutTimeout, boolean noTimeoutCommand, String url,
                                String hostHeader, Duration timeout) throws IOException {
        return command(client, wgetWithoutTimeout, noTimeoutCommand, url, hostHeader, Map.of(), timeout);
    }

    static List<String> command(String client, boolean wgetWithoutTimeout, boolean noTimeoutCommand, String url,
                                String hostHeader, Map<String, String> headers, Duration timeout) throws IOException {
        if (url == null || !PROBE_URL.matcher(url).matches()) {
            throw new IOException("refusing to probe \"" + Printable.of(url) + "\": not a plain http:// URL");
        }
        if (hostHeader != null && !HOST_HEADER.matcher(hostHeader).matches()) {
            throw new IOException("refusing to send the Host header \"" + Printable.of(hostHeader) + "\": not a host name");
        }
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (!HEADER_NAME.matcher(h.getKey()).matches() || !HEADER_VALUE.matcher(h.getValue()).matches()) {
                throw new IOException("refusing to send the header \"" + Printable.of(h.getKey()) + "\": not a plain name and value");
            }
        }
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        List<String> cmd = new ArrayList<>();
        if (client.equals("curl")) {
            // --raw: the response exactly as it came (chunks and Content-Encoding undone by HttpProbe's parser, not by curl)
            cmd.addAll(List.of("curl", "-s", "-i", "--raw", "--globoff", "--max-time", String.valueOf(seconds)));
            if (hostHeader != null) {
                cmd.addAll(List.of("-H", "Host: " + hostHeader));
            }
            headers.forEach((name, value) -> cmd.addAll(List.of("-H", name + ": " + value)));
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
            headers.forEach((name, value) -> cmd.addAll(List.of("--header", name + ": " + value)));
        }
        cmd.add(url);
        return cmd;
    }

    private static final Pattern PROBE_URL = Pattern.compile("http://[A-Za-z0-9.:\\[\\]-]{1,300}(/[\\x21-\\x7e&&[^\"<>\\\\^`{|}]]{0,1000})?");
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern HEADER_VALUE = Pattern.compile("[A-Za-z0-9_.:=/+-]{1,256}");
    private static final Pattern HOST_HEADER = Pattern.compile("[A-Za-z0-9_.-]{1,253}(:\\d{1,5})?");

    private Exec.Result run(String url, String hostHeader, Map<String, String> headers, Duration timeout) throws IOException {
        client();
        try {
            return Exec.run(docker, container, command(url, hostHeader, headers, timeout), timeout.plusSeconds(2));
        } catch (DockerException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Finds the container's HTTP client now (one or two execs), so a container without one is named before anything starts. */
    @Override
    public void ready() throws IOException {
        client();
    }

    /**
     * What earlier commands of this process learnt of a container's client, by container id: a container keeps its files
     * until it is created anew, under a new id. One inspect instead of the exec that looks for the client (100-300 ms
     * under load), in a process that runs many commands (the resident engine, a Jenkins agent).
     */
    private static final Map<String, Tools> LEARNT = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int LEARNT_AT_MOST = 64;

    private record Tools(String client, boolean wgetWithoutTimeout, boolean noTimeoutCommand) {}

    /** The container's id while it runs, or null. */
    private volatile String id;

    private String client() throws IOException {
        String known = client;
        if (known != null) {
            return known;
        }
        try {
            id = docker.call("inspect container " + container, Duration.ofSeconds(30), () -> {
                try {
                    return docker.client().inspectContainerCmd(container).exec().getId();
                } catch (com.github.dockerjava.api.exception.NotFoundException e) {
                    return null; // the exec below says so in its words
                }
            });
        } catch (DockerException e) {
            throw new IOException(e.getMessage(), e);
        }
        Tools learnt = id == null ? null : LEARNT.get(id);
        if (learnt != null) {
            wgetWithoutTimeout = learnt.wgetWithoutTimeout();
            noTimeoutCommand = learnt.noTimeoutCommand();
            client = learnt.client();
            return learnt.client();
        }
        String found = findClient();
        learn();
        return found;
    }

    /** Keeps what this command learnt of the container's client for the next. */
    private void learn() {
        String tool = client;
        if (id == null || tool == null) {
            return;
        }
        if (LEARNT.size() >= LEARNT_AT_MOST && !LEARNT.containsKey(id)) {
            LEARNT.clear(); // containers come and go: the ones still in use are learnt again, one exec each
        }
        LEARNT.put(id, new Tools(tool, wgetWithoutTimeout, noTimeoutCommand));
    }

    private String findClient() throws IOException {
        try {
            // One exec instead of one per tool: a shell looks along the PATH that the exec of a probe searches.
            Exec.Result found = Exec.run(docker, container, List.of("sh", "-c", FIND_CLIENT), Duration.ofSeconds(10));
            String tool = found.stdout().strip();
            if (found.exitCode() == 0 && (tool.equals("curl") || tool.equals("wget"))) {
                client = tool;
                return tool;
            }
        } catch (DockerException e) {
            throw new IOException(e.getMessage(), e);
        }
        for (String tool : List.of("curl", "wget")) { // no sh in the image, or neither found by it: ask each tool
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
        throw noClient();
    }

    static final String FIND_CLIENT = "IFS=:; for t in curl wget; do for d in $PATH; do "
            + "if [ -f \"$d/$t\" ] && [ -x \"$d/$t\" ]; then echo \"$t\"; exit 0; fi; done; done; exit 3";

    private NoProbeClient noClient() {
        return new NoProbeClient("the nginx container " + container + " has neither curl nor wget, which the health gate and "
                + "the switch check run inside it; use an nginx image that has one (nginx:alpine has wget, nginx's Debian "
                + "images have curl). Nothing was changed.");
    }

    /** The nginx container cannot probe at all: a set-up problem to name at once, not an answer to wait out. */
    static final class NoProbeClient extends IOException {
        private static final long serialVersionUID = 1L;

        NoProbeClient(String message) {
            super(message);
        }
    }

    static HttpProbe.Response fromCurl(String url, Exec.Result r) throws IOException {
        if (r.exitCode() == 7 || r.exitCode() == 6) { // could not connect / resolve
            throw new HttpProbe.Unreachable(url + ": connection refused (curl exit " + r.exitCode() + ")", null);
        }
        if (r.exitCode() != 0) {
            throw new IOException(url + ": curl exit " + r.exitCode() + " " + r.stderr().strip());
        }
        return HttpProbe.parse(r.rawStdout());
    }

    /** busybox wget -S prints the response headers, indented, on stderr and the body (2xx only) on stdout. */
    static HttpProbe.Response fromWget(String url, Exec.Result r) throws IOException {
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
        // The body went through wget's chunk decoding already (not its Content-Encoding: busybox wget keeps gzip as is).
        // Without Content-Length either (wget stops on an error status), the parser reads the body to its end.
        String headers = head.toString().replaceAll("(?im)^(transfer-encoding|content-length):[^\r]*\r\n", "") + "\r\n";
        byte[] h = headers.getBytes(StandardCharsets.ISO_8859_1);
        byte[] raw = java.util.Arrays.copyOf(h, h.length + r.rawStdout().length);
        System.arraycopy(r.rawStdout(), 0, raw, h.length, r.rawStdout().length);
        return HttpProbe.parse(raw);
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
