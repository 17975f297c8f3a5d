package dev.protostar.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the offline build compiles against must refuse what a real build refuses. These hold for the real
 * Jenkins types (in the hpi build this test checks those) and so must hold for the stand-ins: no
 * constructor the real class lacks, {@code final} and {@code @Deprecated} where the real member is.
 */
class StandInsAreStrictTest {
    /** Classes whose real constructors all take arguments or are private (read at the revisions the stand-ins name). */
    private static final List<String> NO_ACCESSIBLE_NO_ARG_CONSTRUCTOR = List.of(
            "hudson.model.Run", "hudson.model.Job", "hudson.model.Computer", "hudson.model.User", "hudson.model.Label",
            "hudson.model.Queue", "hudson.ExtensionList", "hudson.model.Fingerprint", "hudson.util.FormValidation",
            "jenkins.model.Jenkins", "com.cloudbees.plugins.credentials.CredentialsMatchers",
            "com.cloudbees.plugins.credentials.impl.BaseStandardCredentials",
            "org.jenkinsci.plugins.workflow.job.WorkflowJob", "org.jenkinsci.plugins.workflow.job.WorkflowRun",
            "org.htmlunit.WebResponse", "org.htmlunit.html.HtmlForm", "org.htmlunit.html.HtmlPage",
            "org.htmlunit.html.HtmlTextArea", "org.htmlunit.FailingHttpStatusCodeException",
            "org.jvnet.hudson.test.MockAuthorizationStrategy$Grant", "org.jvnet.hudson.test.MockAuthorizationStrategy$Grant$GrantOn");

    @Test
    void noStandInHasAConstructorTheRealClassLacks() throws Exception {
        for (String name : NO_ACCESSIBLE_NO_ARG_CONSTRUCTOR) {
            Class<?> c = Class.forName(name, false, getClass().getClassLoader());
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                boolean noArgs = k.getParameterCount() == (isInner(c) ? 1 : 0);
                boolean callable = Modifier.isPublic(k.getModifiers()) || Modifier.isProtected(k.getModifiers());
                assertFalse(noArgs && callable, name + " has " + k + ", which the real class lacks");
            }
        }
        Class<?> credentials = Class.forName("com.cloudbees.plugins.credentials.BaseCredentials");
        assertTrue(Modifier.isProtected(credentials.getDeclaredConstructor().getModifiers()), "BaseCredentials() is protected");
    }

    @Test
    void finalAndDeprecatedAsForReal() throws Exception {
        assertTrue(Modifier.isFinal(Class.forName("org.htmlunit.html.HtmlTextArea").getMethod("setText", String.class).getModifiers()));
        assertTrue(Class.forName("hudson.Extension").getMethod("optional").isAnnotationPresent(Deprecated.class));
        assertTrue(Class.forName("hudson.model.Actionable").getMethod("getActions").isAnnotationPresent(Deprecated.class));
        assertTrue(Class.forName("org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition").getConstructor(String.class)
                .isAnnotationPresent(Deprecated.class));
        assertFalse(Class.forName("org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition").getConstructor(String.class, boolean.class)
                .isAnnotationPresent(Deprecated.class));
    }

    /** The credentials types protostarDeploy's credentials parameter binds, and what its JenkinsRule tests create. */
    @Test
    void credentialsTypesAsForReal() throws Exception {
        for (String name : List.of("org.jenkinsci.plugins.plaincredentials.StringCredentials",
                "org.jenkinsci.plugins.plaincredentials.FileCredentials",
                "com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials",
                "com.cloudbees.plugins.credentials.common.UsernamePasswordCredentials",
                "com.cloudbees.plugins.credentials.common.UsernameCredentials",
                "com.cloudbees.plugins.credentials.common.PasswordCredentials")) {
            assertTrue(Class.forName(name).isInterface(), name + " is an interface");
        }
        Class<?> string = Class.forName("org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl");
        Class<?> file = Class.forName("org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl");
        Class<?> up = Class.forName("com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl");
        Class<?> bytes = Class.forName("com.cloudbees.plugins.credentials.SecretBytes");
        assertTrue(Modifier.isFinal(string.getModifiers()) && Modifier.isFinal(file.getModifiers()));
        assertFalse(Modifier.isFinal(up.getModifiers()) || Modifier.isFinal(bytes.getModifiers()));
        Class<?> scope = Class.forName("com.cloudbees.plugins.credentials.CredentialsScope");
        Constructor<?> upNew = up.getConstructor(scope, String.class, String.class, String.class, String.class);
        assertEquals(List.of(Class.forName("hudson.model.Descriptor$FormException")), List.of(upNew.getExceptionTypes()),
                "UsernamePasswordCredentialsImpl's constructor throws FormException");
        assertTrue(Class.forName("com.cloudbees.plugins.credentials.common.UsernameCredentials").getMethod("isUsernameSecret").isDefault());
        assertTrue(bytes.getMethod("fromBytes", byte[].class).isAnnotationPresent(Deprecated.class));
        assertFalse(bytes.getMethod("fromRawBytes", byte[].class).isAnnotationPresent(Deprecated.class));
        file.getConstructor(scope, String.class, String.class, String.class, bytes);
        for (Constructor<?> k : bytes.getDeclaredConstructors()) {
            assertTrue(Modifier.isPrivate(k.getModifiers()), "SecretBytes has only private constructors: " + k);
        }
    }

    @Test
    void aJsonObjectIsAMapOfStrings() throws Exception {
        Class<?> json = Class.forName("net.sf.json.JSONObject");
        Type map = List.of(json.getGenericInterfaces()).stream()
                .filter(t -> t instanceof ParameterizedType p && p.getRawType() == Map.class).findFirst().orElseThrow();
        assertEquals(List.of(String.class, Object.class), List.of(((ParameterizedType) map).getActualTypeArguments()));
        assertEquals(Object.class, json.getMethod("put", String.class, Object.class).getReturnType());
    }

    private static boolean isInner(Class<?> c) {
        return c.getEnclosingClass() != null && !Modifier.isStatic(c.getModifiers());
    }
}
