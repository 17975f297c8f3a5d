package dev.protostar.core.docker;

import com.github.dockerjava.api.model.ContainerPort;
import dev.protostar.core.spec.PortRange;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * The port on 127.0.0.1 a new color's container publishes for nginx on the host, chosen for one boot.
 * With {@code router.ports} it is the lowest of the range that no container of the app holds (running or stopped: a
 * stopped previous color is started again on its own port) and nothing on this host listens on; Docker has the last
 * word (another app's container may take a port first), and a port it refuses is passed over for the next. Without
 * it, the port of the container being replaced where that is free, else any free one.
 */
final class HostPorts {
    /** Ports that pass the checks and still tried with Docker before giving up: others are racing for the range. */
    private static final int TRIES = 8;
    /** Where the colors publish (HostSettings), whatever the JVM's IPv6 preference. */
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress() instanceof java.net.Inet4Address l ? l : v4Loopback();

    private final Docker docker;
    private final IntPredicate bindable;
    private final PortRange range;
    private final Map<Integer, String> owned;
    private final List<Integer> listenedOn = new ArrayList<>();
    private final Map<Integer, String> refused = new TreeMap<>();

    /**
     * @param owned each port a container of the app holds, running or not, with that container's name
     * @param bindable whether a port is free on this host right now (asked only when the engine is on this machine)
     */
    HostPorts(Docker docker, PortRange range, Map<Integer, String> owned, IntPredicate bindable) {
        this.docker = docker;
        this.range = range;
        this.owned = owned;
        this.bindable = local(docker) ? bindable : port -> true;
    }

    /** The ports to try, in order; 0 lets Docker pick one. */
    List<Integer> candidates(Optional<ColorContainer> replaced) {
        List<Integer> out = new ArrayList<>();
        if (range != null) {
            for (int p = range.first(); p <= range.last() && out.size() < TRIES; p++) {
                if (owned.containsKey(p)) {
                    continue;
                }
                if (bindable.test(p)) {
                    out.add(p);
                } else {
                    listenedOn.add(p);
                }
            }
            return out;
        }
        replaced.filter(c -> !c.running() && c.hostPort() > 0 && bindable.test(c.hostPort())).ifPresent(c -> out.add(c.hostPort()));
        if (local(docker)) {
            int any = anyFree();
            if (any > 0 && !out.contains(any)) {
                out.add(any);
            }
        }
        out.add(0);
        return out;
    }

    /** Docker refused {@code port} (taken since the checks): the next candidate is tried. */
    void refused(int port, String why) {
        refused.put(port, why);
    }

    /** Every candidate failed: what holds each port of the range, with what to do. */
    DockerException exhausted(String name) {
        Map<Integer, String> publishers = publishers();
        List<String> why = new ArrayList<>();
        Map<String, List<Integer>> byOwner = new LinkedHashMap<>();
        new TreeMap<>(owned).forEach((p, c) -> {
            if (range.contains(p)) {
                byOwner.computeIfAbsent(c, k -> new ArrayList<>()).add(p);
            }
        });
        byOwner.forEach((c, ps) -> why.add(ports(ps) + " held by " + c + " (this app's)"));
        for (int p : listenedOn) {
            why.add(p + " in use on 127.0.0.1" + Optional.ofNullable(publishers.get(p)).map(c -> " (published by the container " + c + ")")
                    .orElse(" (by a program on this host)"));
        }
        refused.forEach((p, w) -> why.add(p + " refused by Docker" + Optional.ofNullable(publishers.get(p))
                .map(c -> " (published by the container " + c + ")").orElse(": " + w)));
        return new DockerException("router.ports " + range + " has no port free for " + name + ": " + summary(why)
                + ". Widen router.ports (two apps need ranges that do not overlap), or remove what holds its ports; nothing was "
                + "switched", null);
    }

    private static String summary(List<String> why) {
        int shown = Math.min(why.size(), 10);
        String text = String.join("; ", why.subList(0, shown));
        return why.size() > shown ? text + "; and " + (why.size() - shown) + " more" : text;
    }

    private static String ports(List<Integer> ps) {
        return ps.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
    }

    /** Which running container publishes each port of the range on the engine (any app's), for the message. */
    private Map<Integer, String> publishers() {
        Map<Integer, String> out = new TreeMap<>();
        try {
            docker.call("list containers publishing " + range, Duration.ofSeconds(30), () -> docker.client().listContainersCmd().exec())
                    .forEach(c -> {
                        for (ContainerPort p : c.getPorts() == null ? new ContainerPort[0] : c.getPorts()) {
                            if (p.getPublicPort() != null && range.contains(p.getPublicPort()) && c.getNames() != null && c.getNames().length > 0) {
                                out.putIfAbsent(p.getPublicPort(), c.getNames()[0].replaceFirst("^/", ""));
                            }
                        }
                    });
        } catch (DockerException e) {
            // the message names the ports without their containers
        }
        return out;
    }

    private static boolean local(Docker docker) {
        return docker.host().startsWith("unix://");
    }

    /** A bind check on this host's loopback: true when nothing listens on {@code port} right now. */
    static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, LOOPBACK)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static InetAddress v4Loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int anyFree() {
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return s.getLocalPort();
        } catch (IOException e) {
            return 0;
        }
    }
}
