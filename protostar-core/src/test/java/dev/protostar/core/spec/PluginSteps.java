package dev.protostar.core.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Pipeline steps and credential bindings the Jenkins plugin declares, and their parameter names, read from its
 * sources as text (this module cannot load the plugin's classes): a step's function name is what its descriptor's
 * {@code getFunctionName()} returns, a binding's symbol its {@code @Symbol}; parameters are the names of the
 * {@code @DataBoundConstructor}'s parameters and of the {@code @DataBoundSetter}s, a superclass's in that package too.
 */
final class PluginSteps {
    static final Path SOURCES = Path.of("..", "protostar-plugin", "src", "main", "java", "dev", "protostar", "jenkins");
    private static final Pattern FUNCTION = Pattern.compile("getFunctionName\\(\\)\\s*\\{\\s*return\\s+\"(\\w+)\";");
    private static final Pattern SYMBOL = Pattern.compile("@Symbol\\(\"(\\w+)\"\\)");
    private static final Pattern CLASS = Pattern.compile("public\\s+(?:abstract\\s+|final\\s+)*class\\s+(\\w+)(?:<[^>]*>)?(?:\\s+extends\\s+(\\w+))?");
    private static final Pattern CONSTRUCTOR = Pattern.compile("@DataBoundConstructor\\s+public\\s+\\w+\\(([^)]*)\\)");
    private static final Pattern SETTER = Pattern.compile("@DataBoundSetter\\s+public\\s+void\\s+set(\\w+)\\(");

    /**
     * @param required the constructor's parameters (a binding needs each)
     * @param parameters every parameter name it takes
     */
    record Describable(String file, Set<String> required, Set<String> parameters) {}

    private final Map<String, Describable> steps = new LinkedHashMap<>();
    private final Map<String, Describable> bindings = new LinkedHashMap<>();

    private PluginSteps() {}

    static PluginSteps read() throws IOException {
        Map<String, String> sources = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String name = f.getFileName().toString();
                sources.put(name.substring(0, name.length() - ".java".length()), Files.readString(f));
            }
        }
        PluginSteps p = new PluginSteps();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Matcher function = FUNCTION.matcher(e.getValue());
            if (function.find()) {
                p.steps.put(function.group(1), describable(e.getKey(), sources));
            }
            Matcher symbol = SYMBOL.matcher(e.getValue());
            if (symbol.find()) {
                p.bindings.put(symbol.group(1), describable(e.getKey(), sources));
            }
        }
        if (p.steps.isEmpty() || p.bindings.isEmpty()) {
            throw new IllegalStateException("no Pipeline steps or credential bindings found in " + SOURCES.toAbsolutePath());
        }
        return p;
    }

    private static Describable describable(String className, Map<String, String> sources) {
        Set<String> required = new LinkedHashSet<>();
        Set<String> all = new LinkedHashSet<>();
        String text = sources.get(className);
        Matcher constructor = CONSTRUCTOR.matcher(text);
        if (constructor.find()) {
            for (String parameter : constructor.group(1).split(",")) {
                String[] words = parameter.trim().split("\\s+");
                if (!words[words.length - 1].isEmpty()) {
                    required.add(words[words.length - 1]);
                }
            }
        }
        all.addAll(required);
        for (String c = className; c != null && sources.containsKey(c); c = superclass(c, sources.get(c))) {
            for (Matcher setter = SETTER.matcher(sources.get(c)); setter.find(); ) {
                all.add(Character.toLowerCase(setter.group(1).charAt(0)) + setter.group(1).substring(1));
            }
        }
        return new Describable(className + ".java", required, all);
    }

    private static String superclass(String className, String text) {
        Matcher m = CLASS.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(className)) {
                return m.group(2);
            }
        }
        return null;
    }

    /** Steps by function name, like protostarDeploy. */
    Map<String, Describable> steps() {
        return steps;
    }

    /** Credential bindings by symbol, like string. */
    Map<String, Describable> bindings() {
        return bindings;
    }

    List<String> stepNames() {
        return new ArrayList<>(steps.keySet());
    }
}
