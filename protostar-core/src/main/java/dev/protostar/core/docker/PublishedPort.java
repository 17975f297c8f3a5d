package dev.protostar.core.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/** Where a running container's TCP port is published on this machine's loopback, if it is. */
public final class PublishedPort {
    /** Host addresses a connection to 127.0.0.1 reaches: loopback itself, or all IPv4 addresses. */
    private static final Set<String> LOOPBACK_REACHES = Set.of("", "0.0.0.0", "127.0.0.1");

    private PublishedPort() {}

    /**
     * The host port on 127.0.0.1 that reaches {@code containerPort}; empty when the engine is not on this machine, the
     * container is not running or does not publish that port where 127.0.0.1 reaches it.
     */
    public static OptionalInt onLoopback(Docker docker, String container, int containerPort) {
        if (!docker.onThisMachine()) {
            return OptionalInt.empty();
        }
        InspectContainerResponse c = docker.call("inspect container " + container, Duration.ofSeconds(30), () -> {
            try {
                return docker.client().inspectContainerCmd(container).exec();
            } catch (NotFoundException e) {
                return null;
            }
        });
        if (c == null || c.getState() == null || !Boolean.TRUE.equals(c.getState().getRunning())
                || c.getNetworkSettings() == null || c.getNetworkSettings().getPorts() == null) {
            return OptionalInt.empty();
        }
        return onLoopback(c.getNetworkSettings().getPorts().getBindings(), containerPort);
    }

    static OptionalInt onLoopback(Map<ExposedPort, Ports.Binding[]> bindings, int containerPort) {
        Ports.Binding[] list = bindings == null ? null : bindings.get(ExposedPort.tcp(containerPort));
        if (list == null) {
            return OptionalInt.empty();
        }
        for (Ports.Binding b : list) {
            String ip = b.getHostIp() == null ? "" : b.getHostIp();
            if (LOOPBACK_REACHES.contains(ip) && b.getHostPortSpec() != null && b.getHostPortSpec().matches("\\d{1,5}")) {
                return OptionalInt.of(Integer.parseInt(b.getHostPortSpec()));
            }
        }
        return OptionalInt.empty();
    }
}
