package dev.protostar.core.spec;

import dev.protostar.core.Printable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML mapping read field by field, so that every error names the field path and its line.
 * Keys that were never read are rejected by {@link #rejectUnknown()}.
 */
final class SpecNode {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    private final String source;
    private final String path;
    private final Node node;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> read = new HashSet<>();

    SpecNode(String source, String path, Node node) {
        this.source = source;
        this.path = path;
        this.node = node;
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, "expected a mapping (key: value lines), got " + kind(node));
        }
        for (NodeTuple t : mapping.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode key)) {
                throw error(t.getKeyNode(), "keys must be plain names");
            }
            if (entries.containsKey(key.getValue())) {
                throw new SpecException(source, path(key.getValue()), line(key), column(key), "duplicate key " + Printable.of(key.getValue())
                        + " (first at line " + line(entries.get(key.getValue()).getKeyNode()) + ")");
            }
            entries.put(key.getValue(), t);
        }
    }

    /** The field path of {@code key}; a key from the file is shown printable, so no message carries its raw text. */
    String path(String key) {
        String k = Printable.of(key);
        return path.isEmpty() ? k : path + "." + k;
    }

    SpecNode child(String key) {
        read.add(key);
        NodeTuple t = entries.get(key);
        if (t == null || isNull(t.getValueNode())) {
            return null;
        }
        return new SpecNode(source, path(key), t.getValueNode());
    }

    String string(String key, String fallback, Pattern allowed, String allowedInWords) {
        read.add(key);
        NodeTuple t = entries.get(key);
        if (t == null || isNull(t.getValueNode())) {
            return fallback;
        }
        Node v = t.getValueNode();
        if (!(v instanceof ScalarNode scalar)) {
            throw error(v, key, "expected a single value, got " + kind(v));
        }
        String s = scalar.getValue();
        if (allowed != null && !allowed.matcher(s).matches()) {
            throw error(v, key, "\"" + Printable.of(s) + "\" is not allowed: " + allowedInWords);
        }
        return s;
    }

    String required(String key, Pattern allowed, String allowedInWords) {
        String s = string(key, null, allowed, allowedInWords);
        if (s == null) {
            throw new SpecException(source, path(key), line(node), column(node), "is required");
        }
        return s;
    }

    int integer(String key, int fallback, int min, int max) {
        String s = string(key, null, null, null);
        if (s == null) {
            return fallback;
        }
        Node v = entries.get(key).getValueNode();
        if (!Tag.INT.equals(v.getTag())) {
            throw error(v, key, "expected a whole number, got \"" + Printable.of(s) + "\"" + (Tag.STR.equals(v.getTag()) ? " (a quoted string)" : ""));
        }
        try {
            int n = Integer.parseInt(s.trim());
            if (n < min || n > max) {
                throw error(v, key, "must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw error(v, key, "expected a whole number between " + min + " and " + max + ", got \"" + Printable.of(s) + "\"");
        }
    }

    boolean bool(String key, boolean fallback) {
        String s = string(key, null, null, null);
        if (s == null) {
            return fallback;
        }
        Node v = entries.get(key).getValueNode();
        if (Tag.BOOL.equals(v.getTag())) {
            return switch (s.toLowerCase(java.util.Locale.ROOT)) {
                case "true", "yes", "on", "y" -> true;
                default -> false;
            };
        }
        throw error(v, key, "expected true or false, got \"" + Printable.of(s) + "\"");
    }

    Duration duration(String key, Duration fallback, Duration min, Duration max) {
        String s = string(key, null, null, null);
        if (s == null) {
            return fallback;
        }
        Node v = entries.get(key).getValueNode();
        Matcher m = DURATION.matcher(s.trim());
        if (!m.matches()) {
            throw error(v, key, "expected a duration like 500ms, 2s, 5m or 1h, got \"" + Printable.of(s) + "\"");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2);
        Duration d = switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw error(v, key, "must be between " + Durations.words(min) + " and " + Durations.words(max) + ", got " + s.trim());
        }
        return d;
    }

    List<String> stringList(String key, List<String> fallback, Pattern allowed, String allowedInWords) {
        read.add(key);
        NodeTuple t = entries.get(key);
        if (t == null || isNull(t.getValueNode())) {
            return fallback;
        }
        Node v = t.getValueNode();
        if (!(v instanceof SequenceNode seq)) {
            throw error(v, key, "expected a list like [a, b], got " + kind(v));
        }
        List<String> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            if (!(item instanceof ScalarNode s)) {
                throw error(item, key, "list items must be single values, got " + kind(item));
            }
            if (allowed != null && !allowed.matcher(s.getValue()).matches()) {
                throw error(item, key, "\"" + Printable.of(s.getValue()) + "\" is not allowed: " + allowedInWords);
            }
            out.add(s.getValue());
        }
        return List.copyOf(out);
    }

    /** Whether the key is present at all (also with an empty or null value). */
    boolean listed(String key) {
        return entries.containsKey(key);
    }

    /** A list of mappings, e.g. several Docker hosts; each item's errors name it as key[i]. */
    List<SpecNode> children(String key) {
        read.add(key);
        NodeTuple t = entries.get(key);
        if (t == null || isNull(t.getValueNode())) {
            return List.of();
        }
        Node v = t.getValueNode();
        if (!(v instanceof SequenceNode seq)) {
            throw error(v, key, "expected a list of mappings (lines starting with '- '), got " + kind(v));
        }
        List<SpecNode> out = new ArrayList<>();
        for (int i = 0; i < seq.getValue().size(); i++) {
            out.add(new SpecNode(source, path(key) + "[" + i + "]", seq.getValue().get(i)));
        }
        return out;
    }

    /** A mapping of names to single values, e.g. env or build args. */
    Map<String, String> stringMap(String key, Pattern keyPattern, String keyInWords, Pattern valuePattern, String valueInWords) {
        SpecNode child = child(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (child == null) {
            return out;
        }
        for (String k : child.entries.keySet()) {
            Node keyNode = child.entries.get(k).getKeyNode();
            if (!keyPattern.matcher(k).matches()) {
                throw child.error(keyNode, "\"" + Printable.of(k) + "\" is not allowed as a name: " + keyInWords);
            }
            String v = child.string(k, "", null, null);
            if (!valuePattern.matcher(v).matches()) {
                // Values may be secrets: the error names the key, never echoes the value.
                throw child.error(child.entries.get(k).getValueNode(), k, "the value is not allowed: " + valueInWords);
            }
            out.put(k, v);
        }
        return out;
    }

    /** The keys of this mapping, in the file's order. */
    List<String> keys() {
        return List.copyOf(entries.keySet());
    }

    /** Whether the value of {@code key} is a list. */
    boolean isSequence(String key) {
        NodeTuple t = entries.get(key);
        return t != null && t.getValueNode() instanceof SequenceNode;
    }

    /** Marks keys as known without reading them, so that {@link #rejectUnknown()} names only the others. */
    void known(String... keys) {
        read.addAll(List.of(keys));
    }

    /** The line where this mapping starts. */
    int line() {
        return line(node);
    }

    int column() {
        return column(node);
    }

    /** Whether the value of {@code key} is a mapping (e.g. {@code {fromEnv: NAME}} rather than a single value). */
    boolean isMapping(String key) {
        NodeTuple t = entries.get(key);
        return t != null && t.getValueNode() instanceof MappingNode;
    }

    /** An error about {@code key} itself (a name that is not allowed), placed at the key and naming this mapping. */
    SpecException keyError(String key, String problem) {
        NodeTuple t = entries.get(key);
        Node at = t == null ? node : t.getKeyNode();
        return new SpecException(source, path, line(at), column(at), problem);
    }

    /** The line of the value of {@code key} (of this mapping when there is none). */
    int lineOf(String key) {
        NodeTuple t = entries.get(key);
        return line(t == null ? node : t.getValueNode());
    }

    int columnOf(String key) {
        NodeTuple t = entries.get(key);
        return column(t == null ? node : t.getValueNode());
    }

    String source() {
        return source;
    }

    /** The field path of this mapping. */
    String path() {
        return path;
    }

    /** A single value of a list (or the one value where a list may be a single value), and where it is. */
    record Item(String value, String field, int line, int column) {
        SpecException error(String source, String problem) {
            return new SpecException(source, field, line, column, problem);
        }
    }

    /**
     * The single values of a list, or of a single value when {@code single} allows one in place of a list, each
     * checked by {@code problem} (null when the item is fine); an error is placed at the item itself.
     */
    List<Item> items(String key, boolean single, java.util.function.Function<String, String> problem) {
        read.add(key);
        NodeTuple t = entries.get(key);
        if (t == null || isNull(t.getValueNode())) {
            return List.of();
        }
        Node v = t.getValueNode();
        List<Item> out = new ArrayList<>();
        if (single && v instanceof ScalarNode one) {
            out.add(new Item(one.getValue(), path(key), line(one), column(one)));
        } else if (v instanceof SequenceNode seq) {
            for (int i = 0; i < seq.getValue().size(); i++) {
                Node item = seq.getValue().get(i);
                if (!(item instanceof ScalarNode s)) {
                    throw error(item, key, "list items must be single values, got " + kind(item));
                }
                out.add(new Item(s.getValue(), path(key) + "[" + i + "]", line(item), column(item)));
            }
        } else {
            throw error(v, key, (single ? "expected a single value or a list like [a, b], got " : "expected a list like [a, b], got ")
                    + kind(v));
        }
        for (Item item : out) {
            String why = problem.apply(item.value());
            if (why != null) {
                throw item.error(source, why);
            }
        }
        return List.copyOf(out);
    }

    /**
     * An item of a list: a single value, or a mapping such as {@code {fromEnv: NAME}}.
     *
     * @param at the item's field and place; its value is null for a mapping
     * @param mapping the mapping, or null for a single value
     */
    record Entry(Item at, SpecNode mapping) {}

    /**
     * The items of a list, or the one item where a list may be a single item, each a single value or a mapping (its
     * field path is key[i] in a list, key alone otherwise).
     */
    List<Entry> valuesOrMappings(String key) {
        read.add(key);
        NodeTuple t = entries.get(key);
        if (t == null || isNull(t.getValueNode())) {
            return List.of();
        }
        Node v = t.getValueNode();
        if (!(v instanceof SequenceNode seq)) {
            return List.of(entry(v, path(key)));
        }
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < seq.getValue().size(); i++) {
            Node item = seq.getValue().get(i);
            if (item instanceof SequenceNode) {
                throw error(item, key, "list items must be single values or mappings, got " + kind(item));
            }
            out.add(entry(item, path(key) + "[" + i + "]"));
        }
        return List.copyOf(out);
    }

    private Entry entry(Node n, String field) {
        if (n instanceof ScalarNode s) {
            return new Entry(new Item(s.getValue(), field, line(n), column(n)), null);
        }
        return new Entry(new Item(null, field, line(n), column(n)), new SpecNode(source, field, n));
    }

    /** An error about the value of {@code key}, placed at that value in the file. */
    SpecException invalid(String key, String problem) {
        NodeTuple t = entries.get(key);
        Node at = t == null ? node : t.getValueNode();
        return new SpecException(source, path(key), line(at), column(at), problem);
    }

    void rejectUnknown() {
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (!read.contains(e.getKey())) {
                Node k = e.getValue().getKeyNode();
                throw new SpecException(source, path(e.getKey()), line(k), column(k),
                        "unknown field" + (path.isEmpty() ? "" : " in " + path));
            }
        }
    }

    SpecException error(Node at, String key, String problem) {
        return new SpecException(source, path(key), line(at), column(at), problem);
    }

    SpecException error(Node at, String problem) {
        return new SpecException(source, path, line(at), column(at), problem);
    }

    static int line(Node n) {
        return n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
    }

    static int column(Node n) {
        return n.getStartMark() == null ? 0 : n.getStartMark().getColumn() + 1;
    }

    private static boolean isNull(Node n) {
        return n instanceof ScalarNode s && "tag:yaml.org,2002:null".equals(s.getTag().getValue());
    }

    private static String kind(Node n) {
        if (n instanceof MappingNode) return "a mapping";
        if (n instanceof SequenceNode) return "a list";
        return "a single value";
    }

}
