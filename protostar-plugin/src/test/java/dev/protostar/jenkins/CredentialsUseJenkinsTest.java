package dev.protostar.jenkins;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Computer;
import hudson.model.Fingerprint;
import hudson.model.Item;
import hudson.model.Label;
import hudson.model.Result;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jenkins.model.Jenkins;
import jenkins.security.QueueItemAuthenticatorConfiguration;
import org.jenkinsci.plugins.docker.commons.credentials.DockerServerCredentials;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.MockQueueItemAuthenticator;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A build looks its credentials up as the identity it runs as: a job whose builds run as a user
 * without Credentials/UseItem cannot deploy with the Jenkins-wide TLS credentials by naming their
 * id or a configured endpoint, and its configuration form does not offer them. With the permission
 * it can, and the use is recorded on the credentials.
 */
@WithJenkins
class CredentialsUseJenkinsTest {
    private static final String NOT_FOUND = "credentials \"docker-tls\" for tcp://127.0.0.1:1 were not found";

    @TempDir
    Path ws;

    private JenkinsRule r;
    private WorkflowJob job;
    private DockerServerCredentials tls;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        r.createOnlineSlave(Label.get("deploy"));
        job = r.createProject(WorkflowJob.class, "nest");
        job.setDefinition(new CpsFlowDefinition("node('deploy') { ws('%s') { protostarDeploy image: 'nest:1', dockerHost: "
                + "'tcp://127.0.0.1:1', credentialsId: 'docker-tls' } }".formatted(ws), true));
        Files.writeString(ws.resolve("protostar.yml"), "app: nest\nport: 3000\nrouter:\n  includeDir: nginx\n");
        tls = new DockerServerCredentials(CredentialsScope.GLOBAL, "docker-tls", "main engine", Secret.fromString("key"),
                "cert", "ca");
        SystemCredentialsProvider.getInstance().getCredentials().add(tls);
        SystemCredentialsProvider.getInstance().save();
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        QueueItemAuthenticatorConfiguration.get().getAuthenticators()
                .add(new MockQueueItemAuthenticator().authenticate("nest", User.getById("dev", true).impersonate2()));
    }

    private void devMay(boolean useCredentials) {
        MockAuthorizationStrategy s = new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ, Item.BUILD, Item.CONFIGURE, Computer.BUILD).everywhere().to("dev");
        if (useCredentials) {
            s.grant(CredentialsProvider.USE_ITEM).everywhere().to("dev");
        }
        r.jenkins.setAuthorizationStrategy(s);
    }

    private ListBoxModel offeredToAdmin() {
        ProtostarDeployStep.DescriptorImpl d = r.jenkins.getDescriptorByType(ProtostarDeployStep.DescriptorImpl.class);
        try (ACLContext ctx = ACL.as2(User.getById("admin", true).impersonate2())) {
            return d.doFillCredentialsIdItems(job, "tcp://127.0.0.1:1", "");
        }
    }

    @Test
    void aBuildCannotUseCredentialsItsIdentityMayNotUse() throws Exception {
        devMay(false);
        WorkflowRun b = r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));
        r.assertLogContains(NOT_FOUND, b);
        assertTrue(offeredToAdmin().stream().noneMatch(o -> "docker-tls".equals(o.value)),
                "the job's form offers only what its builds can use, even to an administrator");
        Fingerprint used = CredentialsProvider.getFingerprintOf(tls);
        assertTrue(used == null || !used.getJobs().contains("nest"), "no use is recorded");
    }

    /** An endpoint an administrator configured lends its credentials to no build that may not use them itself. */
    @Test
    void aConfiguredEndpointDoesNotLendItsCredentials() throws Exception {
        devMay(false);
        DockerHostEntry main = new DockerHostEntry("main", "tcp://127.0.0.1:1");
        main.setCredentialsId("docker-tls");
        ProtostarGlobalConfiguration.get().setDockerHosts(List.of(main));
        job.setDefinition(new CpsFlowDefinition(
                "node('deploy') { ws('%s') { protostarDeploy image: 'nest:1', dockerHost: 'main' } }".formatted(ws), true));
        r.assertLogContains(NOT_FOUND, r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0)));
    }

    @Test
    void withUseItemTheBuildFindsThemAndTheUseIsRecorded() throws Exception {
        devMay(true);
        WorkflowRun b = r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0)); // nothing listens at 127.0.0.1:1
        r.assertLogNotContains(NOT_FOUND, b);
        assertTrue(offeredToAdmin().stream().anyMatch(o -> "docker-tls".equals(o.value)));
        Fingerprint used = CredentialsProvider.getFingerprintOf(tls);
        assertNotNull(used, "CredentialsProvider.track recorded the use");
        assertTrue(used.getJobs().contains("nest"), used.getJobs().toString());
    }
}
