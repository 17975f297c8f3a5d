package dev.protostar.core.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.http.HttpProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A verify whose first request gets no answer does not wait out the timeout of every other one. */
class ProbeBatchTest {
    @TempDir
    Path tmp;

    /** A path whose every request gets no answer, counted in {@code sent}. */
    private static NetworkPath noAnswer(AtomicInteger sent) {
        return new NetworkPath() {
            @Override
            public HttpProbe.Response get(String baseUrl, String p, String hostHeader, Map<String, String> headers, Duration timeout)
                    throws IOException {
                sent.incrementAndGet();
                throw new IOException("timed out");
            }

            @Override
            public int openConnections(String endpoint) {
                return -1;
            }
        };
    }

    @Test
    void requestsOneByOneStopAtTheFirstThatGetsNoAnswer() {
        AtomicInteger sent = new AtomicInteger();
        List<Object> out = noAnswer(sent).getEach("http://127.0.0.1:9", "/", null, Map.of(), Duration.ofSeconds(5), 10);
        assertEquals(1, sent.get());
        assertEquals(10, out.size());
        assertTrue(out.stream().allMatch(o -> o instanceof IOException));
    }

    /** A path whose requests pass only while {@code together} of them are in flight at once (else each times out). */
    private static NetworkPath inFlightTogether(int together, AtomicInteger sent) {
        java.util.concurrent.CountDownLatch meet = new java.util.concurrent.CountDownLatch(together);
        return new NetworkPath() {
            @Override
            public HttpProbe.Response get(String baseUrl, String p, String hostHeader, Map<String, String> headers, Duration timeout)
                    throws IOException {
                int n = sent.incrementAndGet();
                if (n > 1) {
                    meet.countDown();
                    try {
                        if (!meet.await(20, TimeUnit.SECONDS)) {
                            throw new IOException("timed out: no other request in flight");
                        }
                    } catch (InterruptedException e) {
                        throw new java.io.InterruptedIOException();
                    }
                }
                return new HttpProbe.Response(200, Map.of("n", String.valueOf(n)), "");
            }

            @Override
            public int openConnections(String endpoint) {
                return -1;
            }
        };
    }

    @Test
    void throughAConnectionEachTheFirstGoesAloneAndTheRestAtOnce() {
        AtomicInteger sent = new AtomicInteger();
        List<Object> out = NetworkPath.firstThenAtOnce(inFlightTogether(4, sent), "http://127.0.0.1:9", "/", null, Map.of(),
                Duration.ofSeconds(5), 10);
        assertEquals(10, out.size());
        assertTrue(out.stream().allMatch(o -> o instanceof HttpProbe.Response), out.toString());
        assertEquals("1", ((HttpProbe.Response) out.get(0)).headers().get("n"), "the first went alone, before the others");
        assertEquals(10, sent.get());
    }

    @Test
    void throughAConnectionEachAFirstRequestWithoutAnswerIsTheOnlyOneSent() {
        AtomicInteger sent = new AtomicInteger();
        List<Object> out = NetworkPath.firstThenAtOnce(noAnswer(sent), "http://127.0.0.1:9", "/", null, Map.of(), Duration.ofSeconds(5), 10);
        assertEquals(1, sent.get());
        assertEquals(10, out.size());
        assertTrue(out.stream().allMatch(o -> o instanceof IOException));
    }

    @Test
    void theBatchInTheNginxContainerStopsAtTheFirstFailure() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path record = tmp.resolve("calls");
        Path curl = bin.resolve("curl");
        Files.writeString(curl, "#!/bin/sh\necho x >> '" + record + "'\nexit 28\n"); // curl's "operation timed out"
        Files.setPosixFilePermissions(curl, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> one = ContainerPath.command("curl", false, false, "http://127.0.0.1:9/", null, Duration.ofSeconds(1));
        ProcessBuilder pb = new ProcessBuilder(ContainerPath.batch(one, 9)).directory(tmp.toFile());
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        Process p = pb.start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, Files.readAllLines(record).size(), out);
        assertTrue(out.endsWith("<<protostar-probe-end>>28\n"), out);
    }
}
