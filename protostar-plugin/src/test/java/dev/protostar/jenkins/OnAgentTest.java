package dev.protostar.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.jenkins.bridge.DeployCall;
import dev.protostar.jenkins.bridge.DeployReport;
import dev.protostar.jenkins.bridge.Endpoint;
import dev.protostar.jenkins.bridge.SpecSource;
import hudson.model.TaskListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent side of a step, run here in-process: the effective spec, the log lines, the clean-up. */
class OnAgentTest {
    @TempDir
    Path ws;

    private final CapturedLog listener = new CapturedLog();

    @Test
    void runsTheEngineInTheWorkspaceAndLogsEachPhase() throws Exception {
        // The health defaults make the spec invalid, so the engine stops at the spec, before Docker.
        Files.writeString(ws.resolve("protostar.yml"), "app: nest\nport: 3000\n");
        SpecSource spec = new SpecSource(null, null, null, null, "successes: 0");
        DeployReport r = new OnAgent<>("call-1", spec, new DeployCall(null, "job/nest/7/", null), List.of(), listener, false)
                .invoke(ws.toFile(), null);
        assertEquals("FAILED_BEFORE_SWITCH", r.outcome());
        // The error names the global default and the line an administrator typed, not the temporary file.
        assertTrue(r.error().startsWith("Default health policy, line 1, column 12: health.successes"), r.error());
        String lines = listener.text();
        assertTrue(lines.contains("[protostar nest] ▸ spec"), lines);
        assertTrue(lines.contains("[protostar nest] ✗ spec"), lines);
        try (Stream<Path> files = Files.list(ws)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().startsWith(".protostar-")), "the effective spec is removed");
        }
        assertTrue(Files.exists(ws.resolve("protostar.yml")));
    }

    /**
     * The effective spec lives only while the engine reads it: it is gone when the next phase starts, so the
     * build, which sends the workspace to Docker as its context, cannot copy it into the image.
     */
    @Test
    void theEffectiveSpecIsGoneBeforeTheBuildStarts() throws Exception {
        Files.writeString(ws.resolve("protostar.yml"), "app: nest\nport: 3000\ndocker:\n  host: unix://" + ws.resolve("no-docker.sock") + "\n");
        List<String> seen = new ArrayList<>();
        TaskListener watching = new TaskListener() {
            @Override
            public PrintStream getLogger() {
                return new PrintStream(System.out) {
                    @Override
                    public void println(String line) {
                        try (Stream<Path> files = Files.list(ws)) {
                            seen.add(line + (files.anyMatch(f -> f.getFileName().toString().startsWith(".protostar-")) ? " [temp spec present]" : ""));
                        } catch (java.io.IOException e) {
                            throw new AssertionError(e);
                        }
                    }
                };
            }
        };
        SpecSource spec = new SpecSource(null, null, null, "listen: 127.0.0.1:18080", "successes: 3");
        new OnAgent<>("call-4", spec, new DeployCall("nest:1", "job/nest/9/", null), List.of(), watching, false).invoke(ws.toFile(), null);
        int specDone = seen.indexOf(seen.stream().filter(l -> l.contains("✓ spec")).findFirst().orElseThrow(() -> new AssertionError(seen)));
        assertTrue(seen.size() > specDone + 1, "the deploy went on after the spec: " + seen);
        seen.subList(specDone, seen.size()).forEach(l -> assertFalse(l.endsWith("[temp spec present]"), l + " in " + seen));
    }

    /** What crosses the agent channel is plainly serializable: the call with its hosts and TLS, the stop, the result. */
    @Test
    void callsAndResultsCrossTheChannel() throws Exception {
        List<Endpoint> hosts = new ArrayList<>(List.of(new Endpoint("tcp://10.0.0.5:2376", "ca", "cert", "key")));
        OnAgent<DeployReport> call = new OnAgent<>("call-2", new SpecSource("apps/nest/protostar.yml", null, null, "listen: 8080", null),
                new DeployCall("nest:42", "job/nest/8/", "abc"), hosts, new SerializableListener(), true);
        assertEquals(call, roundTrip(call));
        assertEquals(new StopOnAgent("call-2"), roundTrip(new StopOnAgent("call-2")));
        Files.writeString(ws.resolve("protostar.yml"), "app: nest\nport: 0\n");
        DeployReport r = new OnAgent<>("call-3", new SpecSource(null, null, null, null, null), new DeployCall(null, "o", null),
                List.of(), listener, false).invoke(ws.toFile(), null);
        assertEquals(r, roundTrip(r));
        assertFalse(String.valueOf(hosts).contains("key"), "endpoints never print their TLS material");
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    /** Stands in for the build's remote listener; records compare equal so the round trip can be checked. */
    private static final class SerializableListener implements TaskListener {
        private static final long serialVersionUID = 1L;

        @Override
        public PrintStream getLogger() {
            return System.out;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SerializableListener;
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }
}
