package dev.protostar.jenkins.bridge;

import java.io.StringReader;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Adds the global router and health defaults to a spec that has no such section. A spec's own
 * section always wins as a whole; sections are not merged key by key, so what a spec says is
 * exactly what it gets. The defaults are appended after the spec's last line, so every line
 * number in an error about the spec itself stays right.
 */
public final class SpecDefaults {
    private static final String MARK = "# ";
    private static final String MARK_END = ": from the Jenkins global configuration (Protostar Deploy)\n";
    /** The sections the global configuration may add. */
    private static final List<String> KEYS = List.of("router", "health");

    private SpecDefaults() {}

    /**
     * Where a line of {@link #apply}'s result comes from, for a global default: {@code Router defaults, line 3,
     * column 9} as the administrator typed it. Null for the spec's own lines.
     *
     * @param defaults the section bodies as configured, by key ({@code router}, {@code health})
     */
    public static String origin(String effective, int line, int column, Map<String, String> defaults) {
        String[] lines = effective.split("\n", -1);
        String key = null;
        int bodyStart = 0;
        for (int i = 0; i < Math.min(line, lines.length); i++) {
            for (String k : KEYS) {
                if ((lines[i] + "\n").equals(MARK + k + MARK_END)) {
                    key = k;
                    bodyStart = i + 3; // 1-based: after the mark and the key line
                }
            }
        }
        if (key == null || line < bodyStart) {
            return null;
        }
        String body = defaults.get(key);
        int col = Math.max(1, column - 2 + (body == null ? 0 : indentation(body)));
        return Messages.SpecDefaults_Where(title(key), line - bodyStart + 1, col);
    }

    /** A default section as the global configuration's form titles it ({@code Router defaults}). */
    public static String title(String key) {
        return "router".equals(key) ? Messages.SpecDefaults_RouterTitle() : Messages.SpecDefaults_HealthTitle();
    }

    public static String apply(String spec, String routerDefaults, String healthDefaults) {
        boolean router = !blank(routerDefaults);
        boolean health = !blank(healthDefaults);
        if (!router && !health) {
            return spec;
        }
        Set<String> keys = topLevelKeys(spec);
        if (keys == null) {
            return spec; // not a block mapping: the engine reports what is wrong with it
        }
        boolean addRouter = router && !keys.contains("router");
        boolean addHealth = health && !keys.contains("health");
        if (!addRouter && !addHealth) {
            return spec;
        }
        StringBuilder out = new StringBuilder(spec);
        if (addRouter) {
            section(out, "router", routerDefaults);
        }
        if (addHealth) {
            section(out, "health", healthDefaults);
        }
        return out.toString();
    }

    /** The section's body, indented under its key, as {@link #apply} appends it. */
    static String section(String key, String body) {
        StringBuilder sb = new StringBuilder(key).append(":\n");
        int common = indentation(body);
        for (String line : body.stripTrailing().split("\\R")) {
            if (!line.isBlank()) {
                sb.append("  ").append(line.substring(common));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * How far every line of a pasted body is indented: removed as a whole, so a body pasted with its
     * indentation (the first line's included) keeps its shape. Leading blank lines stay, as lines.
     */
    static int indentation(String body) {
        int common = Integer.MAX_VALUE;
        for (String line : body.stripTrailing().split("\\R")) {
            if (!line.isBlank()) {
                int n = 0;
                while (n < line.length() && line.charAt(n) == ' ') {
                    n++;
                }
                common = Math.min(common, n);
            }
        }
        return common == Integer.MAX_VALUE ? 0 : common;
    }

    private static void section(StringBuilder out, String key, String body) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
        out.append(MARK).append(key).append(MARK_END);
        out.append(section(key, body));
    }

    private static final java.util.regex.Pattern APP = java.util.regex.Pattern.compile("[a-z][a-z0-9-]{0,29}");

    /** The spec's {@code app}, when it is a valid app name at the top level; else null (the engine says what is wrong). */
    public static String appOf(String spec) {
        MappingNode root = mapping(spec);
        if (root == null) {
            return null;
        }
        for (NodeTuple t : root.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && "app".equals(k.getValue()) && t.getValueNode() instanceof ScalarNode v
                    && APP.matcher(v.getValue()).matches()) {
                return v.getValue();
            }
        }
        return null;
    }

    private static Set<String> topLevelKeys(String spec) {
        MappingNode mapping = mapping(spec);
        if (mapping == null) {
            return null;
        }
        Set<String> keys = new HashSet<>();
        for (NodeTuple t : mapping.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode s) {
                keys.add(s.getValue());
            }
        }
        return keys;
    }

    private static MappingNode mapping(String spec) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(20);
            options.setNestingDepthLimit(20);
            options.setCodePointLimit(256 * 1024);
            options.setAllowRecursiveKeys(false);
            root = new Yaml(new SafeConstructor(options)).compose(new StringReader(spec));
        } catch (YAMLException | IllegalArgumentException | IndexOutOfBoundsException | StackOverflowError e) {
            return null; // the engine reports what is wrong with it
        }
        if (!(root instanceof MappingNode mapping) || mapping.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
            return null;
        }
        return mapping;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
