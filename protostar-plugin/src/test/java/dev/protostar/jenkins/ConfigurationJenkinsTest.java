package dev.protostar.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.htmlunit.FailingHttpStatusCodeException;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlTextArea;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Manage Jenkins > System > Protostar Deploy: what is saved comes back, and what the engine would refuse is not saved. */
@WithJenkins
class ConfigurationJenkinsTest {
    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        r = rule;
    }

    private static ProtostarGlobalConfiguration configured() {
        ProtostarGlobalConfiguration c = ProtostarGlobalConfiguration.get();
        DockerHostEntry main = new DockerHostEntry("main", "tcp://10.0.0.5:2376");
        main.setCredentialsId("docker-tls");
        c.setDockerHosts(List.of(main, new DockerHostEntry("local", "unix:///var/run/docker.sock")));
        c.setRouterDefaults("includeDir: /etc/nginx/conf.d\nurl: http://127.0.0.1");
        c.setHealthDefaults("path: /health\nsuccesses: 3");
        c.setSharedSpecs(List.of(new SharedSpec("nest", "app: nest\nport: 3000\n")));
        return c;
    }

    @Test
    void theFormRoundTrips() throws Exception {
        ProtostarGlobalConfiguration before = configured();
        List<DockerHostEntry> hosts = before.getDockerHosts();
        List<SharedSpec> specs = before.getSharedSpecs();
        r.configRoundtrip();
        ProtostarGlobalConfiguration after = ProtostarGlobalConfiguration.get();
        r.assertEqualDataBoundBeans(hosts, after.getDockerHosts());
        r.assertEqualDataBoundBeans(specs, after.getSharedSpecs());
        assertEquals("includeDir: /etc/nginx/conf.d\nurl: http://127.0.0.1", after.getRouterDefaults());
        assertEquals("path: /health\nsuccesses: 3", after.getHealthDefaults());
        assertEquals("tcp://10.0.0.5:2376", after.findDockerHost("main").getUri());
    }

    @Test
    void anInvalidDefaultIsNotSavedAndNamesItsLine() throws Exception {
        configured();
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            HtmlForm form = wc.goTo("configure").getFormByName("config");
            HtmlTextArea health = form.getTextAreaByName("_.healthDefaults");
            health.setText("path: /health\nsuccesses: 0");
            FailingHttpStatusCodeException e = assertThrows(FailingHttpStatusCodeException.class, () -> r.submit(form));
            assertTrue(e.getResponse().getContentAsString().contains("Default health policy, line 2, column "), "the error names the line");
        }
        assertEquals("path: /health\nsuccesses: 3", ProtostarGlobalConfiguration.get().getHealthDefaults(), "the saved value stays");
    }

    /** From an empty JENKINS_HOME: there is no XML to reload, so only restoring what was in force can undo the form. */
    @Test
    void aRefusedFirstSaveLeavesNothingInForce() throws Exception {
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            HtmlForm form = wc.goTo("configure").getFormByName("config");
            form.getTextAreaByName("_.healthDefaults").setText("successes: 0");
            form.getTextAreaByName("_.routerDefaults").setText("listen: 99999");
            assertThrows(FailingHttpStatusCodeException.class, () -> r.submit(form));
        }
        assertNull(ProtostarGlobalConfiguration.get().getHealthDefaults());
        assertNull(ProtostarGlobalConfiguration.get().getRouterDefaults());
    }

    @Test
    void emptyListsStayEmpty() throws Exception {
        ProtostarGlobalConfiguration c = configured();
        c.setDockerHosts(List.of());
        c.setSharedSpecs(List.of());
        r.configRoundtrip();
        assertEquals(List.of(), ProtostarGlobalConfiguration.get().getDockerHosts());
        assertEquals(List.of(), ProtostarGlobalConfiguration.get().getSharedSpecs());
    }

    @Test
    void problemsAreCheckedWithTheEnginesParser() {
        ProtostarGlobalConfiguration c = configured();
        assertEquals(List.of(), c.problems());
        c.setSharedSpecs(List.of(new SharedSpec("nest", "app: nest\nport: 3000\nhealth:\n  successes: 0\n"),
                new SharedSpec("nest", "app: nest\n")));
        List<String> problems = c.problems();
        assertEquals(2, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("nest:4:"), problems.get(0));
        assertEquals("two shared specs are named nest", problems.get(1));
    }
}
