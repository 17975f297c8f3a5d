package dev.protostar.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.protostar.jenkins.bridge.DeployCall;
import dev.protostar.jenkins.bridge.DeployReport;
import dev.protostar.jenkins.bridge.EngineCall;
import dev.protostar.jenkins.bridge.HistoryCall;
import dev.protostar.jenkins.bridge.ReleaseLockCall;
import dev.protostar.jenkins.bridge.ResumeReport;
import dev.protostar.jenkins.bridge.SpecSource;
import dev.protostar.jenkins.bridge.SwitchCall;
import dev.protostar.jenkins.bridge.VerifyCall;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every class that crosses the agent channel, loaded as a real controller loads it: from the packaged
 * plugin's {@code WEB-INF/lib} (its own jar with the plugin manifest, and the bundled protostar-core
 * jar), and checked against the controller's class filter ({@link ControllerClassFilter}).
 *
 * <p>Runs after {@code package} (the build's {@code packaged-layout} execution): {@code mvn test} would
 * load the engine from {@code target/classes/}, which the filter admits, and so hide what a real agent shows.
 * Covers the callables and their fields, their results, what they throw, and what the engine's events
 * become on the agent (lines of text in the build log: no engine type reaches the listener).
 */
class ChannelClassesPackagedTest {
    /** The plugin's callables; {@link #everyCallableIsListed} keeps this list whole. */
    private static final List<Class<?>> CALLABLES = List.of(OnAgent.class, StopOnAgent.class);
    private static final List<Class<? extends EngineCall<?>>> CALLS = List.of(DeployCall.class, SwitchCall.class, VerifyCall.class, HistoryCall.class,
            ReleaseLockCall.class);

    private static URLClassLoader plugin;
    private static ControllerClassFilter filter;
    private static Path pluginJar;

    @TempDir
    Path ws;

    @BeforeAll
    static void loadThePackagedPlugin(@TempDir Path scratch) throws Exception {
        Path lib = webInfLib(scratch);
        assumeTrue(lib != null, "runs after package (execution packaged-layout), where the plugin's jar exists");
        List<URL> pluginJars = new ArrayList<>();
        try (Stream<Path> jars = Files.list(lib)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                pluginJars.add(jar.toUri().toURL());
            }
        }
        pluginJar = lib.resolve("protostar.jar");
        // What the controller has besides the plugin: core, remoting and the libraries (here the stand-ins and
        // Maven Central jars), never the plugin's or the engine's classes.
        Set<String> ours = Set.of(String.valueOf(ControllerClassFilter.location(OnAgent.class)),
                String.valueOf(ControllerClassFilter.location(dev.protostar.core.engine.Engine.class)),
                String.valueOf(ControllerClassFilter.location(ChannelClassesPackagedTest.class)));
        List<URL> controller = new ArrayList<>();
        for (String entry : testClassPath()) {
            URL url = new File(entry).toURI().toURL();
            if (!ours.contains(url.toString())) {
                controller.add(url);
            }
        }
        URLClassLoader jenkins = new URLClassLoader(controller.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        plugin = new URLClassLoader(pluginJars.toArray(URL[]::new), jenkins);
        filter = new ControllerClassFilter(Set.of(ControllerClassFilter.location(Class.forName("hudson.model.TaskListener", false, jenkins))));
    }

    @Test
    void theLayoutIsThePackagedOne() throws Exception {
        Class<?> engine = Class.forName("dev.protostar.core.engine.Engine", false, plugin);
        Class<?> onAgent = Class.forName(OnAgent.class.getName(), false, plugin);
        assertTrue(ControllerClassFilter.location(engine).contains("/WEB-INF/lib/protostar-core"), ControllerClassFilter.location(engine));
        assertTrue(ControllerClassFilter.location(onAgent).endsWith("/WEB-INF/lib/protostar.jar"), ControllerClassFilter.location(onAgent));
    }

    /** What a step gets back from the agent: its real values, from the real agent-side code, read back by the controller. */
    @Test
    void resultsAndWhatTheAgentThrowsPassTheControllersFilter() throws Exception {
        Files.writeString(ws.resolve("protostar.yml"), "app: nest\nport: 0\n"); // the engine stops at the spec: no Docker needed
        CapturedLog log = new CapturedLog();
        SpecSource spec = new SpecSource(null, null, null, null, null);
        List<Object> sent = new ArrayList<>();
        sent.add(new OnAgent<>("c1", spec, ws + "@tmp", new DeployCall(null, "job/nest/1/", null), List.of(), log, false).invoke(ws.toFile(), null));
        sent.add(new OnAgent<>("c2", spec, ws + "@tmp", new SwitchCall("previous", "job/nest/1/"), List.of(), log, false).invoke(ws.toFile(), null));
        sent.add(new OnAgent<>("c3", spec, ws + "@tmp", new VerifyCall(), List.of(), log, false).invoke(ws.toFile(), null));
        sent.add(new StopOnAgent("c4").call());
        sent.add(new OnAgent<>("c7", spec, ws + "@tmp", new HistoryCall("job/nest/1/", "deploy", 0), List.of(), log, false)
                .invoke(ws.toFile(), null)); // the spec is refused: a report with the problem
        sent.add(new ResumeReport(new DeployReport("nest", "deploy", "SUCCEEDED", "green", "blue", "nest:1", "sha256:1", 1, null, null),
                false, null));
        try {
            sent.add(new OnAgent<>("c6", spec, ws + "@tmp", new ReleaseLockCall("job/nest/1/"), List.of(), log, false).invoke(ws.toFile(), null));
        } catch (Exception e) {
            sent.add(e); // the spec is refused before any engine is asked
        }
        try {
            new OnAgent<>("c5", new SpecSource("../outside.yml", null, null, null, null), ws + "@tmp", new VerifyCall(), List.of(), log, false)
                    .invoke(ws.toFile(), null);
        } catch (Exception e) {
            sent.add(e);
        }
        sent.add(new InterruptedException("aborted"));
        sent.add(new IOException("the agent lost its connection"));
        Set<String> refused = new TreeSet<>();
        for (Object value : sent) {
            refused.addAll(readOnController(value));
        }
        assertEquals(Set.of(), refused, "the controller refuses what the agent sends back");
        assertTrue(log.text().contains("[protostar nest] ✗ spec"), "engine events reach the log as text: " + log.text());
    }

    /**
     * Every type a callable or an engine call declares (fields, results, and the listener) is one the
     * controller accepts, so that no value of it can be refused, whatever the engine puts there.
     */
    @Test
    void everyDeclaredTypeThatCrossesPassesTheControllersFilter() throws Exception {
        Set<String> refused = new TreeSet<>();
        Set<Class<?>> seen = new LinkedHashSet<>();
        for (Class<?> callable : CALLABLES) {
            walk(Class.forName(callable.getName(), false, plugin), seen, refused);
        }
        for (Class<?> call : CALLS) {
            Class<?> packaged = Class.forName(call.getName(), false, plugin);
            walk(packaged, seen, refused);
            walk(resultOf(packaged), seen, refused);
        }
        walk(Class.forName(StopOnAgent.class.getName(), false, plugin).getMethod("call").getGenericReturnType(), seen, refused);
        assertEquals(Set.of(), refused, "types the controller would refuse, walked from " + seen);
    }

    @Test
    void everyCallableIsListed() throws Exception {
        Set<String> found = new TreeSet<>();
        Class<?> callable = Class.forName("hudson.remoting.Callable", false, plugin);
        Class<?> fileCallable = Class.forName("hudson.FilePath$FileCallable", false, plugin);
        Class<?> engineCall = Class.forName(EngineCall.class.getName(), false, plugin);
        try (var jar = new java.util.jar.JarFile(pluginJar.toFile())) {
            for (var e : java.util.Collections.list(jar.entries())) {
                String n = e.getName();
                if (n.startsWith("dev/protostar/jenkins/") && n.endsWith(".class")) {
                    Class<?> c = Class.forName(n.substring(0, n.length() - 6).replace('/', '.'), false, plugin);
                    if (!c.isInterface() && (callable.isAssignableFrom(c) || fileCallable.isAssignableFrom(c) || engineCall.isAssignableFrom(c))) {
                        found.add(c.getName());
                    }
                }
            }
        }
        Set<String> listed = new TreeSet<>();
        CALLABLES.forEach(c -> listed.add(c.getName()));
        CALLS.forEach(c -> listed.add(c.getName()));
        assertEquals(listed, found);
    }

    private static Type resultOf(Class<?> call) {
        for (Type t : call.getGenericInterfaces()) {
            if (t instanceof ParameterizedType p && ((Class<?>) p.getRawType()).getName().equals(EngineCall.class.getName())) {
                return p.getActualTypeArguments()[0];
            }
        }
        throw new AssertionError(call + " names no result type");
    }

    private void walk(Type type, Set<Class<?>> seen, Set<String> refused) {
        if (type instanceof ParameterizedType p) {
            walk(p.getRawType(), seen, refused);
            for (Type arg : p.getActualTypeArguments()) {
                walk(arg, seen, refused);
            }
        } else if (type instanceof WildcardType w) {
            Stream.of(w.getUpperBounds()).forEach(b -> walk(b, seen, refused));
        } else if (type instanceof TypeVariable<?>) {
            // bound by the engine calls' results, walked on their own
        } else if (type instanceof Class<?> c) {
            if (c.isPrimitive() || !seen.add(c)) {
                return;
            }
            if (c.isArray()) {
                walk(c.getComponentType(), seen, refused);
                return;
            }
            boolean jdkInterface = c.isInterface() && ControllerClassFilter.location(c) == null;
            if (jdkInterface) {
                return; // List, Map, Serializable: the instances are checked by the round trip above
            }
            String why = filter.refusal(c);
            if (why != null) {
                refused.add(why);
            }
            if (c.getName().startsWith("dev.protostar.") && !c.isInterface()) {
                for (Field f : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers())) {
                        walk(f.getGenericType(), seen, refused);
                    }
                }
            }
        }
    }

    /** Serializes on "the agent" and reads back as remoting does on the controller, collecting each refusal. */
    private static Set<String> readOnController(Object value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        Set<String> refused = new TreeSet<>();
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())) {
            @Override
            protected Class<?> resolveClass(ObjectStreamClass desc) throws ClassNotFoundException {
                Class<?> c = Class.forName(desc.getName(), false, plugin);
                String why = filter.refusal(c);
                if (why != null) {
                    refused.add(why);
                }
                return c;
            }
        }) {
            Object read = in.readObject();
            assertEquals(value.getClass().getName(), read.getClass().getName());
        }
        return refused;
    }

    /** The packaged plugin: an hpi build's exploded {@code target/protostar}, or one assembled from the offline build's jars. */
    private static Path webInfLib(Path scratch) throws IOException {
        String layout = System.getProperty("protostar.plugin.layout");
        if (layout != null && Files.isDirectory(Path.of(layout, "WEB-INF", "lib"))) {
            Path lib = Path.of(layout, "WEB-INF", "lib");
            try (Stream<Path> jars = Files.list(lib)) {
                if (jars.anyMatch(j -> j.getFileName().toString().equals("protostar.jar"))) {
                    return lib;
                }
            }
        }
        String jar = System.getProperty("protostar.plugin.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            return null;
        }
        String core = ControllerClassFilter.location(dev.protostar.core.engine.Engine.class);
        assertTrue(core != null && core.endsWith(".jar"), "after package the engine comes from its jar, not " + core);
        Path lib = Files.createDirectories(scratch.resolve("protostar/WEB-INF/lib"));
        Files.copy(Path.of(jar), lib.resolve("protostar.jar"), StandardCopyOption.REPLACE_EXISTING);
        Path coreJar = Path.of(java.net.URI.create(core));
        Files.copy(coreJar, lib.resolve(coreJar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        return lib;
    }

    private static List<String> testClassPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(cp.split(File.pathSeparator));
    }
}
