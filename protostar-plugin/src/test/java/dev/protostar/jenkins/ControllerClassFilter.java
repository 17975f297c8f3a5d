package dev.protostar.jenkins;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

/**
 * The JEP-200 rule the controller applies to every class an agent sends back, written from reading
 * jenkins-core 2.541.3 {@code core/src/main/java/jenkins/security/ClassFilterImpl.java}
 * ({@code isBlacklisted(Class)}, {@code isLocationWhitelisted}, {@code isPluginManifest}), as
 * remoting's {@code MultiClassLoaderSerializer.Input.resolveClass} calls it for each class of a
 * reply ({@code src/main/java/hudson/remoting/MultiClassLoaderSerializer.java}):
 *
 * <ol>
 *   <li>a name on remoting's standard blacklist ({@code ClassFilter.STANDARD}) is refused;
 *   <li>arrays, throwables and enums are permitted;
 *   <li>a class from Jenkins core or remoting is permitted;
 *   <li>a class from a jar whose manifest is a plugin's ({@code Short-Name} and {@code Plugin-Version}
 *       or {@code Jenkins-Version}) or says {@code Jenkins-ClassFilter-Whitelisted: true} is permitted;
 *   <li>so is one from {@code …/WEB-INF/lib/classes.jar} next to a plugin manifest, and one from
 *       {@code …/target/classes/} (this is what hides the problem under {@code mvn test});
 *   <li>a JDK class (no code source) is permitted only if it is named in core's
 *       {@code whitelisted-classes.txt};
 *   <li>everything else, such as a record from a library jar bundled in the plugin, is refused.
 * </ol>
 * The test-only allowances ({@code Main.isUnitTest}) are left out: a real controller does not make them.
 */
final class ControllerClassFilter {
    /**
     * The entries of core's {@code whitelisted-classes.txt} (jenkins-2.541.3,
     * {@code core/src/main/resources/jenkins/security/whitelisted-classes.txt}) that a step's values
     * can contain. A subset: a JDK class missing here is refused, which is stricter than the real list.
     */
    private static final Set<String> JDK_WHITELIST = Set.of(
            "java.lang.Boolean", "java.lang.Integer", "java.lang.Long", "java.lang.Number", "java.lang.String",
            "java.lang.StackTraceElement", "java.lang.Enum", "java.util.ArrayList", "java.util.LinkedHashMap",
            "java.util.HashMap", "java.util.LinkedList", "java.util.CollSer", "java.util.Collections$EmptyList",
            "java.util.Collections$EmptyMap", "java.util.Collections$UnmodifiableList",
            "java.util.Collections$UnmodifiableRandomAccessList", "java.util.Collections$UnmodifiableMap",
            "java.util.Collections$SingletonList", "java.util.ImmutableCollections$List12",
            "java.util.ImmutableCollections$ListN");

    /** Some of remoting's {@code ClassFilter.DEFAULT_PATTERNS} ({@code src/main/java/hudson/remoting/ClassFilter.java}). */
    private static final List<Pattern> BLACKLIST = List.of(
            Pattern.compile("^java[.]lang[.]reflect[.]Method$"), Pattern.compile("^net[.]sf[.]json[.].*"),
            Pattern.compile("^org[.]codehaus[.]groovy[.]runtime[.].*"), Pattern.compile("^java[.]rmi[.].*"),
            Pattern.compile("^javax[.]management[.].*"), Pattern.compile("^javax[.]naming[.].*"),
            Pattern.compile("^java[.]net[.]URLClassLoader$"), Pattern.compile("^java[.]security[.]SignedObject$"));

    private final Set<String> jenkinsLocations;

    /** @param jenkinsLocations code sources that play jenkins-core.jar and remoting.jar (here: the stand-ins) */
    ControllerClassFilter(Set<String> jenkinsLocations) {
        this.jenkinsLocations = jenkinsLocations;
    }

    /** @return why the controller refuses the class, or null when it accepts it */
    String refusal(Class<?> c) {
        String name = c.getName();
        if (BLACKLIST.stream().anyMatch(p -> p.matcher(name).matches())) {
            return name + " is on remoting's blacklist";
        }
        if (c.isArray() || Throwable.class.isAssignableFrom(c) || Enum.class.isAssignableFrom(c) || c.isPrimitive()) {
            return null;
        }
        String location = location(c);
        if (location == null) {
            return JDK_WHITELIST.contains(name) ? null : name + " is a JDK class outside core's whitelisted-classes.txt";
        }
        if (jenkinsLocations.contains(location) || isPluginOrWhitelistedJar(location) || location.endsWith("/target/classes/")) {
            return null;
        }
        return name + " in " + location + " comes neither from Jenkins, nor a plugin jar, nor a jar whose manifest says "
                + "Jenkins-ClassFilter-Whitelisted: true";
    }

    /** Where a class was loaded from, as {@code ClassFilterImpl.codeSource} reports it; null for the JDK. */
    static String location(Class<?> c) {
        CodeSource cs = c.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            return null;
        }
        return cs.getLocation().toString();
    }

    private static boolean isPluginOrWhitelistedJar(String location) {
        try {
            if (location.matches("file:/.+[.]jar")) {
                try (JarFile jar = new JarFile(new File(new URI(location)), false)) {
                    if (isPluginManifest(jar.getManifest())) {
                        return true;
                    }
                }
            }
            var classesJar = Pattern.compile("(file:/.+/)WEB-INF/lib/classes[.]jar").matcher(location);
            if (classesJar.matches()) {
                Path manifest = Path.of(new URI(classesJar.group(1) + "META-INF/MANIFEST.MF"));
                if (Files.isRegularFile(manifest)) {
                    try (var in = Files.newInputStream(manifest)) {
                        return isPluginManifest(new Manifest(in));
                    }
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean isPluginManifest(Manifest manifest) {
        if (manifest == null) {
            return false;
        }
        Attributes a = manifest.getMainAttributes();
        return a.getValue("Short-Name") != null && (a.getValue("Plugin-Version") != null || a.getValue("Jenkins-Version") != null)
                || "true".equals(a.getValue("Jenkins-ClassFilter-Whitelisted"));
    }
}
