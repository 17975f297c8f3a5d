package dev.protostar.jenkins;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The plugin's own compiled classes and their sources, for the tests that check them against the Jenkins security scan's rules. */
final class PluginSources {
    static final Path SOURCES = Path.of(System.getProperty("protostar.plugin.sources", "src/main/java"));
    private static final Pattern WEB_METHOD = Pattern.compile("do[A-Z]\\w*");

    private PluginSources() {}

    /** Every class compiled from src/main/java, nested ones included. */
    static List<Class<?>> classes() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(ProtostarGlobalConfiguration.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                String name = root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), ".");
                out.add(Class.forName(name.substring(0, name.length() - ".class".length()), false,
                        PluginSources.class.getClassLoader()));
            }
        }
        return out;
    }

    /** Public {@code do*} methods the plugin declares: Stapler serves each one at a URL. */
    static List<Method> webMethods() throws Exception {
        List<Method> out = new ArrayList<>();
        for (Class<?> c : classes()) {
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()) && !m.isSynthetic()
                        && WEB_METHOD.matcher(m.getName()).matches()) {
                    out.add(m);
                }
            }
        }
        out.sort(Comparator.comparing(m -> m.getDeclaringClass().getName() + "#" + m.getName()));
        return out;
    }

    /** Every name a type extends or implements, itself included, all the way up. */
    static Set<String> supertypeNames(Class<?> type) {
        Set<String> names = new HashSet<>();
        List<Class<?>> todo = new ArrayList<>(List.of(type));
        while (!todo.isEmpty()) {
            Class<?> c = todo.remove(todo.size() - 1);
            if (c != null && names.add(c.getName())) {
                todo.add(c.getSuperclass());
                todo.addAll(List.of(c.getInterfaces()));
            }
        }
        return names;
    }

    static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.walk(SOURCES)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    static String source(Class<?> type) throws IOException {
        Class<?> top = type;
        while (top.getEnclosingClass() != null) {
            top = top.getEnclosingClass();
        }
        return Files.readString(SOURCES.resolve(top.getName().replace('.', '/') + ".java"));
    }

    /** The body of a method, between its braces; the plugin declares each web method name once per file. */
    static String body(Method m) throws IOException {
        String src = source(m.getDeclaringClass());
        int at = src.indexOf(" " + m.getName() + "(");
        if (at < 0 || src.indexOf(" " + m.getName() + "(", at + 1) >= 0) {
            throw new AssertionError(m.getName() + " is not declared exactly once in " + m.getDeclaringClass());
        }
        int open = src.indexOf('{', at);
        int depth = 0;
        for (int i = open; i < src.length(); i++) {
            char ch = src.charAt(i);
            if (ch == '{') {
                depth++;
            } else if (ch == '}' && --depth == 0) {
                return src.substring(open + 1, i);
            }
        }
        throw new AssertionError("unbalanced braces after " + m);
    }
}
