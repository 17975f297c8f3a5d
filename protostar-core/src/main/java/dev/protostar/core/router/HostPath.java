package dev.protostar.core.router;

import dev.protostar.core.http.HttpProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** nginx on this machine: probes go straight from here, connections are read from this kernel's socket tables. */
final class HostPath implements NetworkPath {
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

    @Override
    public HttpProbe.Response get(String baseUrl, String path, String hostHeader, Map<String, String> headers, Duration timeout)
            throws IOException {
        return HttpProbe.get(baseUrl, path, hostHeader, headers, timeout);
    }

    @Override
    public List<Object> getEach(String baseUrl, String path, String hostHeader, Map<String, String> headers, Duration timeout, int count) {
        return NetworkPath.firstThenAtOnce(this, baseUrl, path, hostHeader, headers, timeout, count);
    }

    @Override
    public int openConnections(String endpoint) {
        List<String> lines = new ArrayList<>();
        boolean readAny = false;
        for (Path table : TABLES) {
            if (!Files.isReadable(table)) {
                continue;
            }
            readAny = true;
            try {
                lines.addAll(Files.readAllLines(table));
            } catch (IOException e) {
                return -1;
            }
        }
        // No socket table (not Linux): unknown, so the whole drain is waited.
        return readAny ? SocketTable.established(lines, endpoint, true) : -1;
    }
}
