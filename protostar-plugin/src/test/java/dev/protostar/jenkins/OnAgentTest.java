package dev.protostar.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.jenkins.bridge.DeployCall;
import dev.protostar.jenkins.bridge.DeployReport;
import dev.protostar.jenkins.bridge.Endpoint;
import dev.protostar.jenkins.bridge.SpecSource;
import dev.protostar.jenkins.bridge.VerifyCall;
import dev.protostar.jenkins.bridge.VerifyReport;
import hudson.model.TaskListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent side of a step, run here in-process: the effective spec, the log lines, the clean-up. */
class OnAgentTest {
    @TempDir
    Path root;

    private Path ws;
    private String tmp;

    @BeforeEach
    void workspace() throws Exception {
        ws = Files.createDirectories(root.resolve("ws"));
        tmp = root.resolve("ws@tmp").toString(); // as core's WorkspaceList.tempDir names it
    }

    private final CapturedLog listener = new CapturedLog();

    /** The engine's advice reaches the log in the Pipeline's words, never the command line's. */
    @Test
    void aMissingSpecIsNamedInPipelineTerms() throws Exception {
        VerifyReport r = new OnAgent<>("call-5", new SpecSource("apps/nest/protostar.yml", null, null, null, null), tmp,
                new VerifyCall(), List.of(), listener, false).invoke(ws.toFile(), null);
        String said = String.join("\n", r.problems());
        assertTrue(said.contains("there is no spec file at"), said);
        assertTrue(said.contains("give the step's spec parameter, relative to the workspace, e.g. spec: 'apps/nest/protostar.yml'"), said);
        assertFalse(said.contains("-f path"), said);
    }

    /** An error in the global router defaults names that field and its line, not the temporary file it was merged into. */
    @Test
    void anErrorInTheRouterDefaultsNamesThemAndTheirLine() throws Exception {
        Files.writeString(ws.resolve("protostar.yml"), "app: nest\nport: 3000\n");
        DeployReport r = new OnAgent<>("call-6", new SpecSource(null, null, null, "kind: nginx-host\nlisten: nowhere", null), tmp,
                new DeployCall(null, "job/nest/7/", null), List.of(), listener, false).invoke(ws.toFile(), null);
        assertEquals("FAILED_BEFORE_SWITCH", r.outcome());
        assertTrue(r.error().startsWith("Router defaults, line 2, column "), r.error());
        assertFalse(r.error().contains("protostar-effective"), r.error());
        assertFalse(listener.text().contains("protostar-effective"), listener.text());
    }

    @Test
    void runsTheEngineInTheWorkspaceAndLogsEachPhase() throws Exception {
        // The health defaults make the spec invalid, so the engine stops at the spec, before Docker.
        Files.writeString(ws.resolve("protostar.yml"), "app: nest\nport: 3000\n");
        SpecSource spec = new SpecSource(null, null, null, null, "successes: 0");
        DeployReport r = new OnAgent<>("call-1", spec, tmp, new DeployCall(null, "job/nest/7/", null), List.of(), listener, false)
                .invoke(ws.toFile(), null);
        assertEquals("FAILED_BEFORE_SWITCH", r.outcome());
        // The error names the global default and the line an administrator typed, not the temporary file.
        assertTrue(r.error().startsWith("Default health policy, line 1, column 12: health.successes"), r.error());
        String lines = listener.text();
        assertTrue(lines.contains("[protostar nest] ▸ spec"), lines);
        assertTrue(lines.contains("[protostar nest] ✗ spec"), lines);
        try (Stream<Path> files = Files.list(Path.of(tmp))) {
            assertEquals(0, files.count(), "the effective spec is removed");
        }
        assertTrue(Files.exists(ws.resolve("protostar.yml")));
    }

    /**
     * The workspace is the Docker build context: no file appears in it at any time, also while the engine reads the spec
     * (watched by the file system and listed at every log line), for a spec with global defaults and for a shared spec;
     * the spec's relative paths (here its TLS files) still start from the user's spec's directory.
     */
    @Test
    void noFileAppearsInTheWorkspaceAndRelativePathsStartFromTheSpec() throws Exception {
        Path app = Files.createDirectories(ws.resolve("apps/nest/certs"));
        for (String f : List.of("ca.pem", "cert.pem", "key.pem")) {
            Files.writeString(app.resolve(f), "-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n");
        }
        String tls = "docker:\n  host: tcp://127.0.0.1:9\n  tls: { ca: certs/ca.pem, cert: certs/cert.pem, key: certs/key.pem }\n";
        Files.writeString(ws.resolve("apps/nest/protostar.yml"), "app: nest\nport: 3000\nnetwork: web\n" + tls);
        SpecSource withDefaults = new SpecSource("apps/nest/protostar.yml", null, null, "kind: nginx-container", "successes: 3");
        List<String> seen = deployWatchingTheWorkspace(withDefaults);
        assertTrue(seen.stream().anyMatch(l -> l.contains("✓ spec")), "the TLS files were found beside the spec: " + seen);

        // The same files named from the workspace root are not found: the base is the spec's directory, not the root.
        Files.writeString(ws.resolve("apps/nest/protostar.yml"), "app: nest\nport: 3000\nnetwork: web\n" + tls.replace("certs/", "apps/nest/certs/"));
        List<String> refused = deployWatchingTheWorkspace(withDefaults);
        assertTrue(refused.stream().anyMatch(l -> l.contains("✗ spec") && l.contains(ws.resolve("apps/nest/apps/nest/certs/ca.pem").toString())),
                String.valueOf(refused));

        // A shared spec's relative paths start from the workspace root.
        SpecSource shared = new SpecSource(null, "nest", "app: nest\nport: 3000\nnetwork: web\n" + tls.replace("certs/", "apps/nest/certs/"),
                "kind: nginx-container", null);
        List<String> sharedSeen = deployWatchingTheWorkspace(shared);
        assertTrue(sharedSeen.stream().anyMatch(l -> l.contains("✓ spec")), String.valueOf(sharedSeen));
        try (Stream<Path> files = Files.list(Path.of(tmp))) {
            assertEquals(0, files.count(), "the temporary spec is removed");
        }
    }

    private List<String> deployWatchingTheWorkspace(SpecSource spec) throws Exception {
        List<String> before = listing();
        List<String> seen = new ArrayList<>();
        TaskListener watching = new TaskListener() {
            @Override
            public PrintStream getLogger() {
                return new PrintStream(System.out) {
                    @Override
                    public void println(String line) {
                        List<String> now = listing();
                        seen.add(line + (now.equals(before) ? "" : " [workspace changed: " + now + "]"));
                    }
                };
            }
        };
        try (WatchService watch = ws.getFileSystem().newWatchService()) {
            try (Stream<Path> dirs = Files.walk(ws)) {
                for (Path d : dirs.filter(Files::isDirectory).toList()) {
                    d.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
                }
            }
            new OnAgent<>("call-4", spec, tmp, new DeployCall("nest:1", "job/nest/9/", null), List.of(), watching, false)
                    .invoke(ws.toFile(), null);
            for (WatchKey key = watch.poll(); key != null; key = watch.poll()) {
                List<String> created = key.pollEvents().stream().map(e -> String.valueOf(e.context())).toList();
                assertEquals(List.of(), created, "created in " + key.watchable());
            }
        }
        assertEquals(before, listing());
        seen.forEach(l -> assertFalse(l.contains("[workspace changed"), l));
        return seen;
    }

    private List<String> listing() {
        try (Stream<Path> files = Files.walk(ws)) {
            return files.map(f -> ws.relativize(f).toString()).sorted().toList();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** What crosses the agent channel is plainly serializable: the call with its hosts and TLS, the stop, the result. */
    @Test
    void callsAndResultsCrossTheChannel() throws Exception {
        List<Endpoint> hosts = new ArrayList<>(List.of(new Endpoint("tcp://10.0.0.5:2376", "ca", "cert", "key")));
        OnAgent<DeployReport> call = new OnAgent<>("call-2", new SpecSource("apps/nest/protostar.yml", null, null, "listen: 8080", null), tmp,
                new DeployCall("nest:42", "job/nest/8/", "abc"), hosts, new SerializableListener(), true);
        assertEquals(call, roundTrip(call));
        assertEquals(new StopOnAgent("call-2"), roundTrip(new StopOnAgent("call-2")));
        Files.writeString(ws.resolve("protostar.yml"), "app: nest\nport: 0\n");
        DeployReport r = new OnAgent<>("call-3", new SpecSource(null, null, null, null, null), tmp, new DeployCall(null, "o", null),
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
