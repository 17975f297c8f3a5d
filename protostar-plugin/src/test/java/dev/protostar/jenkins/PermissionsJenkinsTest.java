package dev.protostar.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import jenkins.model.Jenkins;
import org.htmlunit.Page;
import org.jenkinsci.plugins.docker.commons.credentials.DockerServerCredentials;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.springframework.security.access.AccessDeniedException;

/** Form methods check permissions; the one that connects somewhere answers POST only. */
@WithJenkins
class PermissionsJenkinsTest {
    private JenkinsRule r;
    private WorkflowJob job;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        job = r.createProject(WorkflowJob.class, "nest");
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE).everywhere().to("dev")
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader"));
        SystemCredentialsProvider.getInstance().getCredentials().add(new DockerServerCredentials(CredentialsScope.GLOBAL,
                "docker-tls", "main engine", Secret.fromString("key"), "cert", "ca"));
        SystemCredentialsProvider.getInstance().save();
    }

    private static ACLContext as(String user) {
        return ACL.as2(User.getById(user, true).impersonate2());
    }

    @Test
    void onlyAdministratorsTestConnectionsOrListSystemCredentials() {
        DockerHostEntry.DescriptorImpl d = r.jenkins.getDescriptorByType(DockerHostEntry.DescriptorImpl.class);
        try (ACLContext ctx = as("dev")) {
            assertThrows(AccessDeniedException.class, () -> d.doTestConnection("tcp://127.0.0.1:1", "docker-tls"));
            assertThrows(AccessDeniedException.class, () -> d.doCheckUri("tcp://127.0.0.1:1"));
            ListBoxModel listed = d.doFillCredentialsIdItems("tcp://127.0.0.1:1", "");
            assertTrue(listed.stream().noneMatch(o -> "docker-tls".equals(o.value)), "no credential ids for non-admins");
        }
        try (ACLContext ctx = as("admin")) {
            ListBoxModel listed = d.doFillCredentialsIdItems("tcp://127.0.0.1:1", "");
            assertTrue(listed.stream().anyMatch(o -> "docker-tls".equals(o.value)));
            FormValidation noEngine = d.doTestConnection("tcp://127.0.0.1:1", "");
            assertEquals(FormValidation.Kind.ERROR, noEngine.kind);
        }
    }

    @Test
    void sharedSpecsAndDefaultsAreCheckedForAdministratorsOnly() {
        SharedSpec.DescriptorImpl specs = r.jenkins.getDescriptorByType(SharedSpec.DescriptorImpl.class);
        ProtostarGlobalConfiguration config = ProtostarGlobalConfiguration.get();
        try (ACLContext ctx = as("reader")) {
            assertThrows(AccessDeniedException.class, () -> specs.doCheckYaml("app: nest", "nest"));
            assertThrows(AccessDeniedException.class, () -> config.doCheckHealthDefaults("path: /"));
        }
        try (ACLContext ctx = as("admin")) {
            assertEquals(FormValidation.Kind.ERROR, specs.doCheckYaml("app: Nest", "nest").kind);
            assertEquals(FormValidation.Kind.OK, config.doCheckHealthDefaults("path: /health").kind);
        }
    }

    @Test
    void stepCredentialListsFollowTheJobsPermissions() {
        ProtostarDeployStep.DescriptorImpl d = r.jenkins.getDescriptorByType(ProtostarDeployStep.DescriptorImpl.class);
        try (ACLContext ctx = as("reader")) {
            ListBoxModel listed = d.doFillCredentialsIdItems(job, "tcp://127.0.0.1:2376", "");
            assertTrue(listed.stream().noneMatch(o -> "docker-tls".equals(o.value)), "readers see no credential ids");
            assertEquals(FormValidation.Kind.OK, d.doCheckSpec(job, "/etc/passwd").kind, "no validation without configure");
        }
        try (ACLContext ctx = as("dev")) {
            ListBoxModel listed = d.doFillCredentialsIdItems(job, "tcp://127.0.0.1:2376", "");
            assertTrue(listed.stream().anyMatch(o -> "docker-tls".equals(o.value)));
            assertEquals(FormValidation.Kind.ERROR, d.doCheckSpec(job, "/etc/passwd").kind);
        }
    }

    @Test
    void testConnectionAnswersPostOnly() throws Exception {
        try (JenkinsRule.WebClient wc = r.createWebClient().login("admin")) {
            wc.getOptions().setThrowExceptionOnFailingStatusCode(false);
            Page get = wc.goTo("descriptorByName/dev.protostar.jenkins.DockerHostEntry/testConnection?uri=tcp://127.0.0.1:1", null);
            assertEquals(404, get.getWebResponse().getStatusCode());
        }
    }
}
