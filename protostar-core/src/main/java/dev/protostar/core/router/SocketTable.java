package dev.protostar.core.router;

import java.util.List;
import java.util.Locale;

/** Reads Linux's /proc/net/tcp and tcp6 lines. */
final class SocketTable {
    private static final String ESTABLISHED = "01";

    private SocketTable() {}

    /**
     * Established connections whose remote end is {@code endpoint} (host:port).
     *
     * @param portOnly match the port alone (a color's published port is unique on its host)
     */
    static int established(List<String> lines, String endpoint, boolean portOnly) {
        int colon = endpoint.lastIndexOf(':');
        String hexPort = String.format(Locale.ROOT, "%04X", Integer.parseInt(endpoint.substring(colon + 1)));
        String hexIp = portOnly ? null : ipv4Hex(endpoint.substring(0, colon));
        int count = 0;
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            // sl local_address rem_address st ...
            if (f.length <= 3 || !ESTABLISHED.equals(f[3])) {
                continue;
            }
            String remote = f[2];
            if (!remote.endsWith(":" + hexPort)) {
                continue;
            }
            if (hexIp == null || remote.startsWith(hexIp + ":") || remote.endsWith(hexIp + ":" + hexPort)) {
                count++;
            }
        }
        return count;
    }

    /** The kernel prints an IPv4 address as one little-endian 32-bit hex word (an IPv4-mapped IPv6 one ends with it). */
    static String ipv4Hex(String ip) {
        String[] o = ip.split("\\.");
        if (o.length != 4) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 3; i >= 0; i--) {
            sb.append(String.format(Locale.ROOT, "%02X", Integer.parseInt(o[i])));
        }
        return sb.toString();
    }
}
