package dev.protostar.core.api;

import java.io.Serializable;
import java.util.List;

/**
 * A command to run in one color's container, on the app's first host, without a shell.
 *
 * @param color "live" (null means it too), "previous", "blue" or "green"
 * @param command the program and its arguments, as the container's exec receives them
 */
public record ExecRequest(String specFile, List<DockerEndpoint> hosts, String baseDir, String color, List<String> command)
        implements Serializable {
    public ExecRequest {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        command = command == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(command));
    }
}
