package dev.protostar.jenkins;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Every bound parameter has a form field and a help page, so the Snippet Generator and the
 * configuration page offer a complete form; every view escapes by default and is well-formed.
 */
class FormCompletenessTest {
    private static final Path RESOURCES = Path.of(System.getProperty("protostar.plugin.resources", "src/main/resources"));

    @ParameterizedTest
    @ValueSource(classes = {ProtostarDeployStep.class, ProtostarSwitchStep.class, ProtostarVerifyStep.class,
            ProtostarReleaseLockStep.class, ProtostarGlobalConfiguration.class, DockerHostEntry.class, SharedSpec.class,
            SecretTextBinding.class, UsernamePasswordBinding.class, SecretFileBinding.class})
    void everyParameterHasAFieldAndHelp(Class<?> type) throws IOException {
        String config = Files.readString(view(type, "config.jelly"));
        for (String field : boundFields(type)) {
            assertTrue(config.contains("field=\"" + field + "\""), type.getSimpleName() + "/config.jelly has no field " + field);
            assertTrue(helpExists(type, "help-" + field + ".html"), type.getSimpleName() + " has no help for " + field);
        }
    }

    @ParameterizedTest
    @ValueSource(classes = {ProtostarDeployStep.class, ProtostarSwitchStep.class, ProtostarVerifyStep.class,
            ProtostarReleaseLockStep.class})
    void everyStepHasHelp(Class<?> type) {
        assertTrue(Files.exists(view(type, "help.html")), type.getSimpleName() + " has no help.html");
    }

    @Test
    void viewsEscapeByDefaultAndParse() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setNamespaceAware(true);
        List<Path> views;
        try (Stream<Path> s = Files.walk(RESOURCES)) {
            views = s.filter(p -> p.toString().endsWith(".jelly") || p.toString().endsWith(".html") || p.toString().endsWith(".svg")).toList();
        }
        assertFalse(views.isEmpty());
        for (Path v : views) {
            f.newDocumentBuilder().parse(v.toFile());
            if (v.toString().endsWith(".jelly")) {
                assertTrue(Files.readString(v).contains("<?jelly escape-by-default='true'?>"), v + " does not escape by default");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blue", "green", "none"})
    void badgeSymbolsShipWithThePlugin(String color) {
        assertTrue(Files.exists(RESOURCES.resolve("images/symbols/protostar-" + color + ".svg")));
    }

    /** Constructor parameters and setters, by the names Stapler binds. */
    static List<String> boundFields(Class<?> type) {
        List<String> fields = new ArrayList<>();
        for (Constructor<?> c : type.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter p : c.getParameters()) {
                    assertTrue(p.isNamePresent(), "compile with -parameters");
                    fields.add(p.getName());
                }
            }
        }
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)) {
                fields.add(m.getName().substring(3, 4).toLowerCase(Locale.ROOT) + m.getName().substring(4));
            }
        }
        assertFalse(fields.isEmpty(), type + " binds nothing");
        return fields;
    }

    private static Path view(Class<?> type, String name) {
        return RESOURCES.resolve(type.getName().replace('.', '/').replace('$', '/')).resolve(name);
    }

    /** Help is looked up on the class and its superclasses, as Descriptor#getHelpFile does. */
    private static boolean helpExists(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (Files.exists(view(c, name))) {
                return true;
            }
        }
        return false;
    }
}
