package dev.protostar.jenkins.bridge;

import dev.protostar.core.api.DockerEndpoint;
import dev.protostar.core.spec.SpecParser;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Which Docker engine(s) a command acted on, named on the agent: the step's endpoints, else the spec's. */
final class Engines {
    private Engines() {}

    /** Their URIs, comma-separated, or null when the spec cannot be read (the command then changed nothing). */
    static String of(Path specFile, String baseDir, List<DockerEndpoint> given) {
        try {
            List<DockerEndpoint> hosts = given.isEmpty()
                    ? SpecParser.parse(specFile, baseDir == null ? null : Path.of(baseDir)).hosts() : given;
            return hosts.isEmpty() ? null : hosts.stream().map(DockerEndpoint::host).collect(Collectors.joining(", "));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
