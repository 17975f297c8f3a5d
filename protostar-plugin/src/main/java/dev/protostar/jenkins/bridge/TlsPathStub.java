package dev.protostar.jenkins.bridge;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A shared spec as the controller checks it. The engine's parser reads the PEM files a
 * {@code docker} section's {@code tls} names; on the controller those are paths typed into a form,
 * so each one is replaced by a stub file before parsing. The real files are read where the step
 * runs, on the agent, and checked there. Replacements keep every line and column where it was.
 */
final class TlsPathStub {
    private static final String STUB = "t";
    private static final int MAX_CHARS = 256 * 1024;
    private static Path directory;

    private TlsPathStub() {}

    /** The directory the replaced paths are relative to: it holds the stub and nothing else. */
    static synchronized Path directory() {
        if (directory == null) {
            try {
                Path dir = Files.createTempDirectory("protostar-spec-check");
                Files.writeString(dir.resolve(STUB), "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n",
                        StandardCharsets.US_ASCII);
                dir.resolve(STUB).toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
                directory = dir;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare the spec check", e);
            }
        }
        return directory;
    }

    /** The text with every tls path replaced; unchanged when it is not YAML the engine could read either. */
    static String apply(String yaml) {
        if (yaml.length() > MAX_CHARS) {
            return yaml; // the engine refuses it for its size before reading anything
        }
        Node root;
        try {
            // Looser than the engine's limits, so whatever the engine can read is read here too.
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(100);
            options.setNestingDepthLimit(100);
            options.setCodePointLimit(4 * 1024 * 1024);
            root = new Yaml(new SafeConstructor(options)).compose(new StringReader(yaml));
        } catch (YAMLException | IllegalArgumentException | IndexOutOfBoundsException | StackOverflowError e) {
            return yaml;
        }
        if (!(root instanceof MappingNode mapping)) {
            return yaml;
        }
        int[] text = yaml.codePoints().toArray();
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (NodeTuple t : mapping.getValue()) {
            if (isKey(t, "docker")) {
                stubTls(t.getValueNode(), text, seen);
            }
        }
        return new String(text, 0, text.length);
    }

    /** Walks the docker section (a host, or a list of hosts) and stubs each tls mapping's values. */
    private static void stubTls(Node node, int[] text, Set<Node> seen) {
        if (!seen.add(node)) {
            return;
        }
        if (node instanceof SequenceNode seq) {
            seq.getValue().forEach(n -> stubTls(n, text, seen));
        } else if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                if (isKey(t, "tls") && t.getValueNode() instanceof MappingNode tls) {
                    tls.getValue().stream().map(NodeTuple::getValueNode)
                            .filter(v -> v instanceof ScalarNode && seen.add(v))
                            .forEach(v -> stub(v, text));
                } else {
                    stubTls(t.getValueNode(), text, seen);
                }
            }
        }
    }

    /** Overwrites the scalar (after its anchor or tag) with the stub's name, padding with spaces and keeping line breaks. */
    private static void stub(Node scalar, int[] text) {
        int start = scalar.getStartMark().getIndex();
        int end = Math.min(scalar.getEndMark().getIndex(), text.length);
        while (start < end && (text[start] == '&' || text[start] == '!')) {
            while (start < end && text[start] != ' ' && text[start] != '\n') {
                start++;
            }
            while (start < end && text[start] == ' ') {
                start++;
            }
        }
        for (int i = start; i < end; i++) {
            if (text[i] != '\n' && text[i] != '\r') {
                text[i] = i == start ? STUB.charAt(0) : ' ';
            }
        }
    }

    private static boolean isKey(NodeTuple t, String key) {
        return t.getKeyNode() instanceof ScalarNode s && key.equals(s.getValue());
    }
}
