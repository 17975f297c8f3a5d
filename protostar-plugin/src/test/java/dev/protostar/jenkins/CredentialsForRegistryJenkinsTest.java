package dev.protostar.jenkins;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Computer;
import hudson.model.Fingerprint;
import hudson.model.Item;
import hudson.model.Label;
import hudson.model.Result;
import hudson.model.User;
import hudson.util.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import jenkins.model.Jenkins;
import jenkins.security.QueueItemAuthenticatorConfiguration;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
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
 * protostarDeploy's registryCredentialsId in Jenkins: a real username with password is looked up as the build, its use
 * tracked, and its values reach the engine's environment as PROTOSTAR_REGISTRY_USERNAME/PASSWORD (the spec reads the
 * username, so the deploy gets past the spec and fails at a Docker engine where nothing listens); the password is in no
 * log, badge or file Jenkins writes. A missing credential, one of another kind, one the build may not use and the same
 * variables bound twice fail naming registryCredentialsId before the engine runs, also for rollbackTo.
 * CredentialsForRegistryTest checks the same offline.
 */
@WithJenkins
class CredentialsForRegistryJenkinsTest {
    private static final String TOKEN = "registry-token-from-jenkins-a41f";

    @TempDir
    Path ws;

    private JenkinsRule r;
    private WorkflowJob job;
    private Credentials registry;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        r.createOnlineSlave(Label.get("deploy"));
        registry = new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "registry", "team registry", "ci-bot", TOKEN);
        SystemCredentialsProvider.getInstance().getCredentials().add(registry);
        SystemCredentialsProvider.getInstance().getCredentials().add(
                new StringCredentialsImpl(CredentialsScope.GLOBAL, "redis", "Redis", Secret.fromString("redis://:pw-5d2c@redis")));
        SystemCredentialsProvider.getInstance().save();
        Files.writeString(ws.resolve("protostar.yml"), "app: nest\nport: 3000\nrouter:\n  includeDir: nginx\nenv:\n"
                + "  REG_USER: { fromEnv: PROTOSTAR_REGISTRY_USERNAME }\n");
        job = r.createProject(WorkflowJob.class, "nest");
    }

    private WorkflowRun failed(String arguments) throws Exception {
        job.setDefinition(new CpsFlowDefinition(("node('deploy') { ws('%s') { protostarDeploy dockerHost: 'tcp://127.0.0.1:1', "
                + arguments + " } }").formatted(ws), true));
        return r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));
    }

    @Test
    void theEngineGetsTheCredentialsAndThePasswordIsNeitherShownNorKept() throws Exception {
        WorkflowRun b = failed("image: '127.0.0.1:5000/team/nest:1.4.2', registryCredentialsId: 'registry'");
        r.assertLogContains("[protostar] credentials bound to PROTOSTAR_REGISTRY_PASSWORD, PROTOSTAR_REGISTRY_USERNAME", b);
        r.assertLogNotContains("of the deploying process's environment, which is not set", b);
        r.assertLogContains("cannot reach the Docker engine", b);
        r.assertLogNotContains(TOKEN, b);
        for (ProtostarBadgeAction badge : b.getActions(ProtostarBadgeAction.class)) {
            assertFalse(badge.getTooltip().contains(TOKEN));
        }
        try (Stream<Path> files = Files.walk(r.jenkins.getRootDir().toPath())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (Files.size(f) < 10_000_000) {
                    assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(TOKEN), "the token in " + f);
                }
            }
        }
        Fingerprint used = CredentialsProvider.getFingerprintOf(registry);
        assertNotNull(used, "CredentialsProvider.track recorded the use");
        assertTrue(used.getJobs().contains("nest"), used.getJobs().toString());
    }

    @Test
    void aWrongCredentialFailsNamingTheParameterBeforeTheEngineRuns() throws Exception {
        WorkflowRun b = failed("image: '127.0.0.1:5000/team/nest:1.4.2', registryCredentialsId: 'no-such'");
        r.assertLogContains("registryCredentialsId: credentials \"no-such\" were not found, or this build may not use them", b);
        r.assertLogNotContains("[protostar nest]", b);
        b = failed("image: '127.0.0.1:5000/team/nest:1.4.2', registryCredentialsId: 'redis'");
        r.assertLogContains("registryCredentialsId: credentials \"redis\" are not a username with password", b);
        r.assertLogNotContains("[protostar nest]", b);
        b = failed("rollbackTo: 'previous', registryCredentialsId: 'no-such'");
        r.assertLogContains("registryCredentialsId: credentials \"no-such\" were not found", b);
        r.assertLogNotContains("[protostar nest]", b);
        b = failed("image: '127.0.0.1:5000/team/nest:1.4.2', registryCredentialsId: 'registry', credentials: ["
                + "usernamePassword(credentialsId: 'registry', usernameVariable: 'U', passwordVariable: 'PROTOSTAR_REGISTRY_PASSWORD')]");
        r.assertLogContains("registryCredentialsId gives the registry's credentials, but credentials[0] (usernamePassword) also "
                + "binds PROTOSTAR_REGISTRY_PASSWORD", b);
        r.assertLogNotContains("[protostar nest]", b);
    }

    /** As for the credentials bindings (CredentialBindingsJenkinsTest): a build finds only what its identity may use. */
    @Test
    void aBuildUsesOnlyCredentialsItsIdentityMayUse() throws Exception {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        QueueItemAuthenticatorConfiguration.get().getAuthenticators()
                .add(new MockQueueItemAuthenticator().authenticate("nest", User.getById("dev", true).impersonate2()));
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ, Item.BUILD, Item.CONFIGURE, Computer.BUILD).everywhere().to("dev"));
        WorkflowRun b = failed("image: '127.0.0.1:5000/team/nest:1.4.2', registryCredentialsId: 'registry'");
        r.assertLogContains("registryCredentialsId: credentials \"registry\" were not found, or this build may not use them", b);
    }
}
