package dev.protostar.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Jenkins security scan's rules for web methods (WebMethodMissingPostAnnotation,
 * WebMethodMissingPermissionCheck, CredentialsEnumeration, HasPermissionReturnIgnored), checked on
 * the plugin's compiled classes and their sources. PermissionsJenkinsTest shows the same in a
 * running Jenkins.
 */
class WebMethodsTest {
    /** Calls that check the current user's permission; Forms.mayConfigure wraps hasPermission. */
    private static final Pattern GUARD = Pattern.compile("checkPermission\\(|hasPermission\\(|Forms\\.mayConfigure\\(");
    /** What a web method may only reach after its guard: configuration, credentials, Docker, spec checks. */
    private static final Pattern GUARDED = Pattern.compile(
            "ProtostarGlobalConfiguration|includeMatching|lookupCredentials|Docker\\.|DockerHosts\\.forTest|SpecCheck\\.|SpecSource\\.|TARGETS|Forms\\.check");
    private static final List<String> POST_ANNOTATIONS = List.of("org.kohsuke.stapler.verb.POST",
            "org.kohsuke.stapler.interceptor.RequirePOST");

    /** The web methods reviewed: a new one fails here until it is reviewed and listed. */
    @Test
    void theReviewFindsTheKnownWebMethods() throws Exception {
        List<String> found = PluginSources.webMethods().stream()
                .map(m -> m.getDeclaringClass().getSimpleName() + "#" + m.getName()).toList();
        assertTrue(found.containsAll(List.of("DescriptorImpl#doCheckName", "DescriptorImpl#doCheckUri",
                "DescriptorImpl#doFillCredentialsIdItems", "DescriptorImpl#doTestConnection", "DescriptorImpl#doCheckYaml",
                "DescriptorImpl#doFillToItems", "DescriptorImpl#doCheckTo", "EngineStepDescriptor#doCheckSpec",
                "EngineStepDescriptor#doCheckSharedSpec", "EngineStepDescriptor#doCheckDockerHost",
                "EngineStepDescriptor#doFillCredentialsIdItems", "ProtostarGlobalConfiguration#doCheckRouterDefaults",
                "ProtostarGlobalConfiguration#doCheckHealthDefaults", "DescriptorBase#doCheckVariable",
                "DescriptorBase#doFillCredentialsIdItems", "DescriptorImpl#doCheckUsernameVariable",
                "DescriptorImpl#doCheckPasswordVariable", "DescriptorImpl#doFillRegistryCredentialsIdItems")), found.toString());
        assertEquals(19, found.size(), found.toString());
    }

    @Test
    void everyWebMethodAnswersPostOnly() throws Exception {
        for (Method m : PluginSources.webMethods()) {
            assertTrue(Arrays.stream(m.getAnnotations()).map(Annotation::annotationType).map(Class::getName)
                    .anyMatch(POST_ANNOTATIONS::contains), m + " has neither @POST nor @RequirePOST");
        }
    }

    @Test
    void everyWebMethodChecksAPermissionBeforeAnythingElse() throws Exception {
        for (Method m : PluginSources.webMethods()) {
            String body = PluginSources.body(m);
            Matcher guard = GUARD.matcher(body);
            assertTrue(guard.find(), m + " checks no permission");
            Matcher guarded = GUARDED.matcher(body);
            if (guarded.find()) {
                assertTrue(guard.start() < guarded.start(), m + " uses " + guarded.group() + " before checking a permission");
            }
        }
    }

    @Test
    void credentialListsShowOnlyTheCurrentValueWithoutPermission() throws Exception {
        List<Method> lists = PluginSources.webMethods().stream().filter(m -> m.getName().endsWith("CredentialsIdItems")).toList();
        assertEquals(4, lists.size(), "the endpoint form, the step forms, the credentials bindings' forms, the registry's");
        for (Method m : lists) {
            String body = PluginSources.body(m);
            String field = m.getName().substring(6, 7).toLowerCase(java.util.Locale.ROOT) + m.getName().substring(7, m.getName().length() - 5);
            int denied = body.indexOf("includeCurrentValue(" + field + ")");
            int listed = body.indexOf("includeMatchingAs(");
            assertTrue(denied >= 0 && listed > denied, m + ": without permission, only the current value");
            assertTrue(body.substring(0, denied).contains("hasPermission("), m + ": the current value only for those without permission");
        }
    }

    @Test
    void noPermissionAnswerIsThrownAway() throws Exception {
        Pattern ignored = Pattern.compile("^\\s*[\\w.()]*hasPermission2?\\([^;]*\\);\\s*$", Pattern.MULTILINE);
        for (Path f : PluginSources.files()) {
            Matcher m = ignored.matcher(Files.readString(f));
            assertFalse(m.find(), () -> f + ": the result of " + m.group().strip() + " is ignored");
        }
    }
}
