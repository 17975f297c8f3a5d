package dev.protostar.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The advisory classes beyond web methods, checked on the plugin's classes and sources: what runs
 * on agents, what is exported, how secrets are held, how YAML and XML are read, TLS trust, and
 * which code on the controller may touch files.
 */
class UnsafeCallsTest {
    private static final Set<String> TO_AGENTS = Set.of("jenkins.agents.ControllerToAgentCallable",
            "jenkins.agents.ControllerToAgentFileCallable", "jenkins.security.MasterToSlaveCallable", "jenkins.MasterToSlaveFileCallable");

    @Test
    void everyCallableRunsFromTheControllerToAnAgentOnly() throws Exception {
        List<String> callables = new ArrayList<>();
        for (Class<?> c : PluginSources.classes()) {
            Set<String> up = PluginSources.supertypeNames(c);
            if (up.contains("org.jenkinsci.remoting.RoleSensitive") && !c.isInterface()) {
                callables.add(c.getSimpleName());
                assertTrue(up.stream().anyMatch(TO_AGENTS::contains), c + " could be called from an agent on the controller");
            }
        }
        assertEquals(List.of("OnAgent", "StopOnAgent"), callables.stream().sorted().toList());
    }

    /** Only the badge and the job's live colors are in the REST API, and nothing there looks like a secret. */
    @Test
    void onlyLiveColorsAreExportedToTheRemoteApi() throws Exception {
        Set<Class<?>> exported = Set.of(ProtostarBadgeAction.class, LiveColorsAction.class, LiveColorsAction.Row.class);
        Pattern secretName = Pattern.compile("(?i)password|passphrase|secret|token|key|pem|credential|tls|spec|yaml");
        for (Class<?> c : PluginSources.classes()) {
            List<AnnotatedElement> elements = new ArrayList<>(List.of(c));
            elements.addAll(List.of(c.getDeclaredMethods()));
            elements.addAll(List.of(c.getDeclaredFields()));
            for (AnnotatedElement e : elements) {
                for (Annotation a : e.getAnnotations()) {
                    if (a.annotationType().getName().startsWith("org.kohsuke.stapler.export.")) {
                        assertTrue(exported.contains(c), e + " is exported");
                        String name = e instanceof java.lang.reflect.Member m ? m.getName() : "";
                        assertFalse(secretName.matcher(name).find(), e + " is exported and looks like a secret");
                    }
                }
            }
        }
    }

    /**
     * PlaintextPasswordStorage: a field that holds a secret is a Secret; the plugin itself keeps only credentials ids.
     * The exceptions are what a step sends to the agent for one command, never stored, because the engine on the agent
     * needs the plain text: the endpoint (its PEM text) and the bound credentials (the values of protostarDeploy's
     * {@code credentials:}). A field that names a variable ({@code passwordVariable}) holds no secret.
     */
    @Test
    void secretsAreHeldAsSecretOrCredentials() throws Exception {
        Pattern secretName = Pattern.compile("password|passphrase|secret|token|privatekey|keypem|pem$|^key$");
        Set<Class<?>> forOneCommand = Set.of(dev.protostar.jenkins.bridge.Endpoint.class,
                dev.protostar.jenkins.bridge.BoundCredentials.class);
        for (Class<?> c : PluginSources.classes()) {
            if (forOneCommand.contains(c)) {
                continue;
            }
            for (Field f : c.getDeclaredFields()) {
                String name = f.getName().toLowerCase(Locale.ROOT);
                if (secretName.matcher(name).find() && !(name.endsWith("variable") && f.getType() == String.class)) {
                    assertEquals("hudson.util.Secret", f.getType().getName(), c.getName() + "." + f.getName());
                }
            }
        }
    }

    @Test
    void yamlIsComposedSafelyAndNothingIsDeserialized() throws Exception {
        Pattern unsafe = Pattern.compile("new Yaml\\((?!new SafeConstructor\\()|\\.load(All)?\\(|ObjectInputStream|XStream|"
                + "DocumentBuilderFactory|SAXParserFactory|XMLInputFactory|TransformerFactory|readObject\\(");
        assertNoneIn(unsafe, PluginSources.files());
    }

    @Test
    void tlsIsNeverTrustAll() throws Exception {
        Pattern trustAll = Pattern.compile("TrustManager|HostnameVerifier|TrustAll|ALLOW_ALL|setDefaultSSLSocketFactory|"
                + "setDefaultHostnameVerifier|SSLContext|InsecureTrust");
        assertNoneIn(trustAll, PluginSources.files());
    }

    /**
     * Code that runs on the controller opens no files: specs and TLS files are read on the agent
     * ({@code OnAgent}, {@code SpecSource}); a shared spec is checked without reading the files it names.
     */
    @Test
    void controllerCodeOpensNoFiles() throws Exception {
        Pattern fileAccess = Pattern.compile("java\\.nio\\.file\\.Files|java\\.io\\.File\\b|FileInputStream|FileReader|"
                + "RandomAccessFile|FileChannel|\\.toFile\\(|\\.read\\(\\)|readToString|\\.copyTo\\(");
        Set<String> onAgent = Set.of("OnAgent.java", "SpecSource.java", "BoundCredentials.java");
        List<Path> controller = PluginSources.files().stream().filter(f -> !onAgent.contains(f.getFileName().toString())).toList();
        assertTrue(controller.size() > 20, controller.toString());
        assertNoneIn(fileAccess, controller);
    }

    private static void assertNoneIn(Pattern pattern, List<Path> files) throws Exception {
        for (Path f : files) {
            Matcher m = pattern.matcher(Files.readString(f));
            if (m.find()) {
                throw new AssertionError(f + " uses " + m.group());
            }
        }
    }
}
