package dev.protostar.core.spec;

import dev.protostar.core.Printable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the spec's {@code container} block into {@link ContainerOptions}, every value checked where it is written. */
final class ContainerBlock {
    private static final Pattern VOLUME_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private static final Pattern ABS_PATH = Pattern.compile("/[A-Za-z0-9._@+/-]{0,1000}");
    private static final Pattern MEMORY = Pattern.compile("(\\d{1,13})([bkmg]?)", Pattern.CASE_INSENSITIVE);
    private static final long MIN_MEMORY = 6L * 1024 * 1024; // Docker refuses less
    private static final long MAX_MEMORY = 1L << 40;
    private static final Pattern CPUS = Pattern.compile("\\d{1,4}(\\.\\d{1,3})?");
    private static final Pattern NETWORK = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,199}");
    private static final Pattern ONE_LINE = Pattern.compile("[^\\x00-\\x1f\\x7f]{0,1000}");
    /** The drivers docker-java can name (its LogConfig.LoggingType). */
    private static final Pattern DRIVER = Pattern.compile("json-file|local|journald|syslog|gelf|fluentd|awslogs|splunk|gcplogs|loki|none");
    private static final Pattern OPTION = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
    private static final Pattern SIZE = Pattern.compile("[1-9]\\d{0,9}[kmg]?");
    private static final Pattern COUNT = Pattern.compile("[1-9]\\d{0,3}");
    private static final Pattern USER = Pattern.compile("([a-z_][a-z0-9_-]{0,31}|\\d{1,10})(:([a-z_][a-z0-9_-]{0,31}|\\d{1,10}))?");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]{2,39}");
    private static final Set<String> ULIMITS = Set.of("core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice",
            "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");
    private static final String RESERVED_LABELS = "dev.protostar.";
    private static final int MAX_ITEMS = 100;

    private ContainerBlock() {}

    static ContainerOptions read(SpecNode n, String network) {
        if (n == null) {
            return ContainerOptions.DEFAULT;
        }
        List<ContainerOptions.Volume> volumes = volumes(n);
        long memory = memory(n);
        long nanoCpus = cpus(n);
        List<String> networks = networks(n, network);
        Map<String, String> labels = labels(n);
        ContainerOptions.Logging logging = logging(n.child("logging"));
        String user = n.string("user", null, USER, "a user name or uid, optionally :group or :gid (like 1000:1000 or node)");
        Integer gpus = gpus(n);
        List<String> extraHosts = n.items("extraHosts", false, ContainerBlock::extraHostProblem).stream()
                .map(SpecNode.Item::value).toList();
        limitCount(n, "extraHosts", extraHosts.size());
        List<ContainerOptions.Ulimit> ulimits = ulimits(n.child("ulimits"));
        boolean init = n.bool("init", true);
        n.rejectUnknown();
        return new ContainerOptions(volumes, memory, nanoCpus, networks, labels, logging, user, gpus, extraHosts, ulimits, init);
    }

    private static void limitCount(SpecNode n, String key, int count) {
        if (count > MAX_ITEMS) {
            throw n.invalid(key, "at most " + MAX_ITEMS + " entries");
        }
    }

    private static List<ContainerOptions.Volume> volumes(SpecNode n) {
        List<ContainerOptions.Volume> out = new ArrayList<>();
        Set<String> targets = new HashSet<>();
        for (SpecNode.Item item : n.items("volumes", false, v -> null)) {
            ContainerOptions.Volume volume = volume(n, item);
            if (!targets.add(volume.target())) {
                throw item.error(n.source(), "a second volume at " + volume.target() + " (each path in the container takes one)");
            }
            out.add(volume);
        }
        limitCount(n, "volumes", out.size());
        return List.copyOf(out);
    }

    private static ContainerOptions.Volume volume(SpecNode n, SpecNode.Item item) {
        String shape = "expected source:target or source:target:ro, where source is a named volume (like models) or an "
                + "absolute path on the Docker engine's host, and target an absolute path in the container";
        String[] parts = item.value().split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw item.error(n.source(), "\"" + Printable.of(item.value()) + "\": " + shape);
        }
        String source = parts[0];
        String target = parts[1];
        boolean readOnly = false;
        if (parts.length == 3) {
            if (!parts[2].equals("ro") && !parts[2].equals("rw")) {
                throw item.error(n.source(), "\"" + Printable.of(parts[2]) + "\" is not a mode: ro (read-only) or rw");
            }
            readOnly = parts[2].equals("ro");
        }
        if (source.startsWith(".") || source.startsWith("~")) {
            throw item.error(n.source(), "\"" + Printable.of(source) + "\": a bind mount's source must be an absolute path on the "
                    + "Docker engine's host (nothing is copied from the deploying machine)");
        }
        boolean bind = source.startsWith("/");
        if (bind ? !plainPath(source) : !VOLUME_NAME.matcher(source).matches()) {
            throw item.error(n.source(), "\"" + Printable.of(source) + "\" is not allowed as a source: " + shape);
        }
        if (!plainPath(target) || target.equals("/")) {
            throw item.error(n.source(), "\"" + Printable.of(target) + "\" is not allowed as a target: an absolute path in the "
                    + "container other than /, without '..'");
        }
        return new ContainerOptions.Volume(source, target, readOnly);
    }

    private static boolean plainPath(String p) {
        return ABS_PATH.matcher(p).matches() && !List.of(p.split("/")).contains("..") && !p.contains("//");
    }

    private static long memory(SpecNode n) {
        String s = n.string("memory", null, null, null);
        if (s == null) {
            return 0;
        }
        Matcher m = MEMORY.matcher(s);
        String words = "a size like 512m or 2g (b, k, m or g), from 6m to 1024g";
        if (!m.matches()) {
            throw n.invalid("memory", "\"" + Printable.of(s) + "\" is not " + words);
        }
        long shift = switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        long number = Long.parseLong(m.group(1));
        if (number > (MAX_MEMORY >> shift) || (number << shift) < MIN_MEMORY) {
            throw n.invalid("memory", "must be from 6m to 1024g, got " + s);
        }
        return number << shift;
    }

    private static long cpus(SpecNode n) {
        String s = n.string("cpus", null, null, null);
        if (s == null) {
            return 0;
        }
        if (!CPUS.matcher(s).matches()) {
            throw n.invalid("cpus", "\"" + Printable.of(s) + "\" is not a number of CPUs like 0.5 or 2 (at most three decimals)");
        }
        BigDecimal cpus = new BigDecimal(s);
        if (cpus.compareTo(new BigDecimal("0.01")) < 0 || cpus.compareTo(new BigDecimal("1024")) > 0) {
            throw n.invalid("cpus", "must be from 0.01 to 1024, got " + s);
        }
        return cpus.movePointRight(9).longValueExact();
    }

    private static List<String> networks(SpecNode n, String network) {
        Set<String> seen = new HashSet<>();
        List<String> out = n.items("networks", false, net -> {
            if (!NETWORK.matcher(net).matches()) {
                return "\"" + Printable.of(net) + "\" is not a Docker network name (letters, digits, '_', '.', '-')";
            }
            if (net.equals("host") || net.equals("none") || net.equals("bridge")) {
                return "\"" + net + "\" cannot be an extra network: name a user-defined network (docker network create)";
            }
            if (net.equals(network)) {
                return "\"" + net + "\" is the app's network already (network:); list only the other ones";
            }
            if (!seen.add(net)) {
                return "\"" + net + "\" is listed twice";
            }
            return null;
        }).stream().map(SpecNode.Item::value).toList();
        limitCount(n, "networks", out.size());
        return out;
    }

    private static Map<String, String> labels(SpecNode n) {
        Map<String, String> labels = n.stringMap("labels", LABEL_KEY, "letters, digits, '.', '_', '/', '-', starting with a letter or "
                + "digit, at most 200 characters", ONE_LINE, "one line of at most 1000 characters");
        SpecNode block = n.child("labels");
        for (String key : labels.keySet()) {
            if (key.startsWith(RESERVED_LABELS)) {
                throw block.keyError(key, "labels under " + RESERVED_LABELS + " are Protostar's own (what runs is read from them)");
            }
        }
        limitCount(n, "labels", labels.size());
        return labels;
    }

    private static ContainerOptions.Logging logging(SpecNode n) {
        if (n == null) {
            return null;
        }
        String driver = n.string("driver", "json-file", DRIVER, "json-file, local, journald, syslog, gelf, fluentd, awslogs, splunk, gcplogs, loki or none");
        Map<String, String> options = n.stringMap("options", OPTION, "a log option name like max-size (lower-case letters, digits, "
                + "'.', '_', '-')", ONE_LINE, "one line of at most 1000 characters");
        SpecNode block = n.child("options");
        if (driver.equals("json-file") || driver.equals("local")) {
            for (Map.Entry<String, String> o : options.entrySet()) {
                String problem = switch (o.getKey()) {
                    case "max-size" -> SIZE.matcher(o.getValue()).matches() ? null : "expected a size like 10m (k, m or g)";
                    case "max-file" -> COUNT.matcher(o.getValue()).matches() ? null : "expected how many files to keep, 1 to 9999";
                    case "compress" -> o.getValue().equals("true") || o.getValue().equals("false") ? null : "expected true or false";
                    default -> null;
                };
                if (problem != null) {
                    throw block.invalid(o.getKey(), "\"" + Printable.of(o.getValue()) + "\": " + problem);
                }
            }
        }
        if (driver.equals("none") && !options.isEmpty()) {
            throw n.invalid("options", "the none driver takes no options");
        }
        n.rejectUnknown();
        return new ContainerOptions.Logging(driver, options);
    }

    private static Integer gpus(SpecNode n) {
        String s = n.string("gpus", null, null, null);
        if (s == null) {
            return null;
        }
        if (s.equals("all")) {
            return ContainerOptions.ALL_GPUS;
        }
        return n.integer("gpus", 0, 1, 64);
    }

    private static String extraHostProblem(String entry) {
        String words = "expected name:address, like db.internal:10.0.0.5 or host.docker.internal:host-gateway";
        int colon = entry.indexOf(':');
        if (colon <= 0) {
            return "\"" + Printable.of(entry) + "\": " + words;
        }
        String name = entry.substring(0, colon);
        String address = entry.substring(colon + 1);
        if (name.length() > 253 || !HOST_NAME.matcher(name).matches()) {
            return "\"" + Printable.of(name) + "\" is not a host name: " + words;
        }
        if (address.equals("host-gateway")) {
            return null;
        }
        Matcher v4 = IPV4.matcher(address);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    return "\"" + address + "\" is not an IPv4 address: each number is 0 to 255";
                }
            }
            return null;
        }
        if (IPV6.matcher(address).matches() && address.contains(":")) {
            try {
                // a literal with ':' is parsed, never looked up
                if (java.net.InetAddress.getByName(address) instanceof java.net.Inet6Address) {
                    return null;
                }
            } catch (java.net.UnknownHostException e) {
                // falls through
            }
        }
        return "\"" + Printable.of(address) + "\" is not an IP address or host-gateway: " + words;
    }

    private static List<ContainerOptions.Ulimit> ulimits(SpecNode n) {
        if (n == null) {
            return List.of();
        }
        Map<String, ContainerOptions.Ulimit> out = new LinkedHashMap<>();
        for (String name : n.keys()) {
            if (!ULIMITS.contains(name)) {
                throw n.keyError(name, "\"" + Printable.of(name) + "\" is not a ulimit: " + String.join(", ", new java.util.TreeSet<>(ULIMITS)));
            }
            long soft;
            long hard;
            if (n.isMapping(name)) {
                SpecNode pair = n.child(name);
                soft = pair.integer("soft", -1, 0, Integer.MAX_VALUE);
                hard = pair.integer("hard", -1, 0, Integer.MAX_VALUE);
                if (soft < 0 || hard < 0) {
                    throw pair.invalid(soft < 0 ? "soft" : "hard", "is required (or write one number for both)");
                }
                if (soft > hard) {
                    throw pair.invalid("soft", "must not be above hard (" + hard + "), got " + soft);
                }
                pair.rejectUnknown();
            } else {
                soft = n.integer(name, 0, 0, Integer.MAX_VALUE);
                hard = soft;
            }
            out.put(name, new ContainerOptions.Ulimit(name, soft, hard));
        }
        n.rejectUnknown();
        return List.copyOf(out.values());
    }
}
