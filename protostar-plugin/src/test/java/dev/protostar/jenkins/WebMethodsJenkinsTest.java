package dev.protostar.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Item;
import hudson.util.Secret;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.docker.commons.credentials.DockerServerCredentials;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Every web method of the plugin, found by reflection and called over HTTP as Stapler serves it:
 * GET is refused, Overall/Read gets 403 on the global configuration's methods and no answer from
 * the job-level ones, credential ids are listed only to those who may configure, an administrator
 * gets answers. WebMethodsTest checks the same rules on the sources, offline.
 */
@WithJenkins
class WebMethodsJenkinsTest {
    /** Values every method accepts; each method reads the ones it names. */
    private static final String QUERY = "?value=%2Fetc%2Fpasswd&name=main&uri=tcp%3A%2F%2F127.0.0.1%3A1&credentialsId=&dockerHost=&registryCredentialsId=";
    private static final List<Class<?>> STEPS = List.of(ProtostarDeployStep.class, ProtostarSwitchStep.class, ProtostarVerifyStep.class);
    /** protostarDeploy's credentials bindings: their forms sit in the step's form, in a job. */
    private static final List<Class<?>> BINDINGS = List.of(SecretTextBinding.class, UsernamePasswordBinding.class,
            SecretFileBinding.class);

    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        r.createProject(WorkflowJob.class, "nest");
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE).everywhere().to("dev")
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader"));
        SystemCredentialsProvider.getInstance().getCredentials().add(new DockerServerCredentials(CredentialsScope.GLOBAL,
                "docker-tls", "main engine", Secret.fromString("key"), "cert", "ca"));
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL,
                "redis-url", "Redis", Secret.fromString("redis://:pw@redis:6379")));
        SystemCredentialsProvider.getInstance().getCredentials().add(new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL,
                "registry", "registry", "ci", "registry-token"));
        SystemCredentialsProvider.getInstance().save();
    }

    /** Where Stapler serves a web method: under the describable's descriptor, and for steps also under a job. */
    private static List<String> urls(Method m) {
        Class<?> declaring = m.getDeclaringClass();
        List<Class<?>> describables = declaring == EngineStepDescriptor.class ? STEPS
                : declaring == CredentialBinding.DescriptorBase.class ? BINDINGS
                : List.of(declaring.getEnclosingClass() != null ? declaring.getEnclosingClass() : declaring);
        String name = m.getName().substring(2, 3).toLowerCase(Locale.ROOT) + m.getName().substring(3);
        List<String> urls = new ArrayList<>();
        for (Class<?> d : describables) {
            urls.add("descriptorByName/" + d.getName() + "/" + name);
            if (isStep(m)) {
                urls.add("job/nest/descriptorByName/" + d.getName() + "/" + name);
            }
        }
        return urls;
    }

    private static boolean isStep(Method m) {
        Class<?> d = m.getDeclaringClass();
        return d == EngineStepDescriptor.class || d == ProtostarSwitchStep.DescriptorImpl.class || d == ProtostarDeployStep.DescriptorImpl.class
                || d == CredentialBinding.DescriptorBase.class || d == UsernamePasswordBinding.DescriptorImpl.class;
    }

    private Page call(String user, HttpMethod method, String url) throws Exception {
        try (JenkinsRule.WebClient wc = r.createWebClient().login(user)) {
            wc.getOptions().setThrowExceptionOnFailingStatusCode(false);
            return wc.getPage(new WebRequest(wc.createCrumbedUrl(url + QUERY), method));
        }
    }

    private static int status(Page p) {
        return p.getWebResponse().getStatusCode();
    }

    private static String body(Page p) {
        return p.getWebResponse().getContentAsString();
    }

    @Test
    void getIsRefusedByEveryWebMethod() throws Exception {
        List<Method> methods = PluginSources.webMethods();
        assertEquals(19, methods.size());
        for (Method m : methods) {
            for (String url : urls(m)) {
                assertEquals(404, status(call("admin", HttpMethod.GET, url)), "GET " + url);
                assertEquals(200, status(call("admin", HttpMethod.POST, url)), "POST " + url + " as an administrator");
            }
        }
    }

    @Test
    void overallReadersAreRefusedTheGlobalConfigurationsMethods() throws Exception {
        for (Method m : PluginSources.webMethods()) {
            if (isStep(m) || m.getName().equals("doFillCredentialsIdItems")) {
                continue;
            }
            for (String url : urls(m)) {
                assertEquals(403, status(call("reader", HttpMethod.POST, url)), "POST " + url + " as a reader");
                assertEquals(403, status(call("dev", HttpMethod.POST, url)), "POST " + url + " as a job configurer");
            }
        }
    }

    @Test
    void credentialIdsAreListedOnlyToThoseWhoMayConfigure() throws Exception {
        String global = "descriptorByName/dev.protostar.jenkins.DockerHostEntry/fillCredentialsIdItems";
        assertFalse(body(call("reader", HttpMethod.POST, global)).contains("docker-tls"));
        assertFalse(body(call("dev", HttpMethod.POST, global)).contains("docker-tls"));
        assertTrue(body(call("admin", HttpMethod.POST, global)).contains("docker-tls"));
        for (Class<?> step : STEPS) {
            String inJob = "job/nest/descriptorByName/" + step.getName() + "/fillCredentialsIdItems";
            assertFalse(body(call("reader", HttpMethod.POST, inJob)).contains("docker-tls"), inJob);
            assertTrue(body(call("dev", HttpMethod.POST, inJob)).contains("docker-tls"), inJob);
            String atRoot = "descriptorByName/" + step.getName() + "/fillCredentialsIdItems";
            assertFalse(body(call("dev", HttpMethod.POST, atRoot)).contains("docker-tls"), "outside a job only administrators: " + atRoot);
        }
        String secretText = "job/nest/descriptorByName/" + SecretTextBinding.class.getName() + "/fillCredentialsIdItems";
        assertFalse(body(call("reader", HttpMethod.POST, secretText)).contains("redis-url"), secretText);
        assertTrue(body(call("dev", HttpMethod.POST, secretText)).contains("redis-url"), secretText);
        assertFalse(body(call("dev", HttpMethod.POST, secretText)).contains("docker-tls"), "only the binding's kind: " + secretText);
        assertFalse(body(call("dev", HttpMethod.POST, "descriptorByName/" + SecretTextBinding.class.getName()
                + "/fillCredentialsIdItems")).contains("redis-url"), "outside a job only administrators");
        String registry = "job/nest/descriptorByName/" + ProtostarDeployStep.class.getName() + "/fillRegistryCredentialsIdItems";
        assertFalse(body(call("reader", HttpMethod.POST, registry)).contains("\"registry\""), registry);
        assertTrue(body(call("dev", HttpMethod.POST, registry)).contains("\"registry\""), registry);
        assertFalse(body(call("dev", HttpMethod.POST, registry)).contains("redis-url"), "only usernames with password: " + registry);
        assertFalse(body(call("dev", HttpMethod.POST, "descriptorByName/" + ProtostarDeployStep.class.getName()
                + "/fillRegistryCredentialsIdItems")).contains("\"registry\""), "outside a job only administrators");
    }

    @Test
    void stepChecksAnswerOnlyThoseWhoMayConfigure() throws Exception {
        for (Class<?> step : STEPS) {
            String check = "job/nest/descriptorByName/" + step.getName() + "/checkSpec";
            Page reader = call("reader", HttpMethod.POST, check);
            assertEquals(200, status(reader));
            assertFalse(body(reader).contains("must be relative"), "a reader learns nothing: " + body(reader));
            assertTrue(body(call("dev", HttpMethod.POST, check)).contains("must be relative"), check);
        }
    }
}
