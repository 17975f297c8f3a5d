package dev.protostar.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.DockerEndpoint;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.TlsMaterial;
import dev.protostar.jenkins.bridge.DeployCall;
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
        DeployResult r = new OnAgent<>("call-1", spec, new DeployCall(null, "job/nest/7/", null), List.of(), listener, false)
                .invoke(ws.toFile(), null);
        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome());
        assertTrue(r.error().startsWith(".protostar-effective-protostar.yml:5:14: health.successes"), r.error());
        String lines = listener.text();
        assertTrue(lines.contains("[protostar] ▸ spec"), lines);
        assertTrue(lines.contains("[protostar] ✗ spec"), lines);
        try (Stream<Path> files = Files.list(ws)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().startsWith(".protostar-")), "the effective spec is removed");
        }
        assertTrue(Files.exists(ws.resolve("protostar.yml")));
    }

    /** What crosses the agent channel is plainly serializable: the call with its hosts and TLS, the stop, the result. */
    @Test
    void callsAndResultsCrossTheChannel() throws Exception {
        List<DockerEndpoint> hosts = new ArrayList<>(List.of(new DockerEndpoint("tcp://10.0.0.5:2376", new TlsMaterial("ca", "cert", "key"))));
        OnAgent<DeployResult> call = new OnAgent<>("call-2", new SpecSource("apps/nest/protostar.yml", null, null, "listen: 8080", null),
                new DeployCall("nest:42", "job/nest/8/", "abc"), hosts, new SerializableListener(), true);
        assertEquals(call, roundTrip(call));
        assertEquals(new StopOnAgent("call-2"), roundTrip(new StopOnAgent("call-2")));
        Files.writeString(ws.resolve("protostar.yml"), "app: nest\nport: 0\n");
        DeployResult r = new OnAgent<>("call-3", new SpecSource(null, null, null, null, null), new DeployCall(null, "o", null),
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
