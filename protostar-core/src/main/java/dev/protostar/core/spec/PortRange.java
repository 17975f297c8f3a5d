package dev.protostar.core.spec;

/**
 * The host ports ({@code router.ports: first-last}) a color's container may publish on 127.0.0.1 with nginx on the
 * host: each new container takes the lowest one free, so a firewall can allow a small known range.
 */
public record PortRange(int first, int last) {
    /**
     * What can hold a port of one app at once: the live color, the previous one (kept warm, or stopped but kept
     * to be started again on its port), the new one booting beside them, and one container a deploy that died
     * set aside (the next deploy removes it only after its own switch).
     */
    public static final int MIN_SIZE = 4;

    public PortRange {
        if (first < 1 || last > 65535 || first > last) {
            throw new IllegalArgumentException("a port range is first-last within 1 to 65535, got " + first + "-" + last);
        }
    }

    public int size() {
        return last - first + 1;
    }

    public boolean contains(int port) {
        return port >= first && port <= last;
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
