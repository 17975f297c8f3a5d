package dev.protostar.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
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
import java.util.List;
import java.util.stream.Stream;
import jenkins.model.Jenkins;
import jenkins.security.QueueItemAuthenticatorConfiguration;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
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
 * protostarDeploy's credentials parameter binds secret text, a username with password and a secret file without a
 * withCredentials block: the spec's fromEnv values and env file find them (the deploy gets past the spec and fails at a
 * Docker engine where nothing listens), no value is in the log, the badge or any file Jenkins writes, the secret file is
 * gone from the agent afterwards, and the use is recorded on each credential. CredentialBindingsTest and
 * CredentialsToEnvTest check the same offline.
 */
@WithJenkins
class CredentialBindingsJenkinsTest {
    private static final String REDIS_URL = "redis://:bound-by-the-step-c0ffee@redis:6379";
    private static final String DB_PASSWORD = "db-password-from-jenkins-9b7d";
    private static final String FILE_SECRET = "postgres://app:secret-file-value-3e5a@db/app";
    private static final String BINDINGS = "credentials: [string(credentialsId: 'nest-redis-url', variable: 'REDIS_URL'), "
            + "usernamePassword(credentialsId: 'nest-db', usernameVariable: 'DB_USER', passwordVariable: 'DB_PASSWORD'), "
            + "file(credentialsId: 'nest-env', variable: 'NEST_ENV')]";

    @TempDir
    Path ws;

    private JenkinsRule r;
    private WorkflowJob job;
    private List<Credentials> stored;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        r.createOnlineSlave(Label.get("deploy"));
        stored = List.of(
                new StringCredentialsImpl(CredentialsScope.GLOBAL, "nest-redis-url", "Redis", Secret.fromString(REDIS_URL)),
                new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "nest-db", "Postgres", "app", DB_PASSWORD),
                new FileCredentialsImpl(CredentialsScope.GLOBAL, "nest-env", "env file", "nest.env",
                        SecretBytes.fromRawBytes(("DATABASE_URL=" + FILE_SECRET + "\n").getBytes(StandardCharsets.UTF_8))));
        SystemCredentialsProvider.getInstance().getCredentials().addAll(stored);
        SystemCredentialsProvider.getInstance().save();
        Files.writeString(ws.resolve("protostar.yml"), "app: nest\nport: 3000\nrouter:\n  includeDir: nginx\n"
                + "envFile: { fromEnv: NEST_ENV }\nenv:\n  REDIS_URL: { fromEnv: REDIS_URL }\n  DB_USER: { fromEnv: DB_USER }\n"
                + "  DB_PASSWORD: { fromEnv: DB_PASSWORD }\n");
        job = r.createProject(WorkflowJob.class, "nest");
        deploying(BINDINGS);
    }

    private void deploying(String credentials) throws Exception {
        job.setDefinition(new CpsFlowDefinition(("node('deploy') { ws('%s') { protostarDeploy image: 'nest:1', "
                + "dockerHost: 'tcp://127.0.0.1:1', " + credentials + " } }").formatted(ws), true));
    }

    @Test
    void theSpecFindsEveryBoundValueAndNoneIsShownOrKept() throws Exception {
        WorkflowRun b = r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0)); // nothing listens at 127.0.0.1:1
        r.assertLogContains("[protostar] credentials bound to DB_PASSWORD, DB_USER, NEST_ENV, REDIS_URL", b);
        r.assertLogNotContains("of the deploying process's environment, which is not set", b);
        r.assertLogNotContains("there is no env file", b);
        r.assertLogContains("cannot reach the Docker engine", b);
        for (String secret : List.of(REDIS_URL, DB_PASSWORD, FILE_SECRET)) {
            r.assertLogNotContains(secret, b);
            for (ProtostarBadgeAction badge : b.getActions(ProtostarBadgeAction.class)) {
                assertFalse(badge.getTooltip().contains(secret));
            }
        }
        try (Stream<Path> files = Files.walk(r.jenkins.getRootDir().toPath())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (Files.size(f) < 10_000_000) {
                    String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    for (String secret : List.of(REDIS_URL, DB_PASSWORD, FILE_SECRET)) {
                        assertFalse(text.contains(secret), "a secret in " + f);
                    }
                }
            }
        }
        try (Stream<Path> tmp = Files.list(Path.of(ws + "@tmp"))) {
            assertEquals(List.of(), tmp.filter(p -> p.getFileName().toString().startsWith("protostar-secrets-")).toList(),
                    "the secret file is removed from the agent");
        }
        for (Credentials c : stored) {
            Fingerprint used = CredentialsProvider.getFingerprintOf(c);
            assertNotNull(used, "CredentialsProvider.track recorded the use of " + c);
            assertTrue(used.getJobs().contains("nest"), used.getJobs().toString());
        }
    }

    @Test
    void aMissingOrWrongCredentialFailsNamingItBeforeTheEngineRuns() throws Exception {
        deploying("credentials: [string(credentialsId: 'nest-redis-url', variable: 'REDIS_URL'), "
                + "string(credentialsId: 'no-such', variable: 'X')]");
        WorkflowRun b = r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));
        r.assertLogContains("credentials[1] (string): credentials \"no-such\" were not found, or this build may not use them", b);
        r.assertLogNotContains("[protostar nest]", b);
        deploying("credentials: [string(credentialsId: 'nest-db', variable: 'X')]");
        b = r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));
        r.assertLogContains("credentials[0] (string): credentials \"nest-db\" are not Secret text", b);
        deploying("credentials: [file(credentialsId: 'nest-env', variable: 'REDIS_URL'), "
                + "string(credentialsId: 'nest-redis-url', variable: 'REDIS_URL')]");
        b = r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));
        r.assertLogContains("credentials[1] (string): the variable REDIS_URL is bound twice", b);
    }

    /** As for the Docker TLS credentials (CredentialsUseJenkinsTest): a build finds only what its identity may use. */
    @Test
    void aBuildBindsOnlyCredentialsItsIdentityMayUse() throws Exception {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        QueueItemAuthenticatorConfiguration.get().getAuthenticators()
                .add(new MockQueueItemAuthenticator().authenticate("nest", User.getById("dev", true).impersonate2()));
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ, Item.BUILD, Item.CONFIGURE, Computer.BUILD).everywhere().to("dev"));
        WorkflowRun b = r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));
        r.assertLogContains("credentials[0] (string): credentials \"nest-redis-url\" were not found, or this build may not use them", b);
    }
}
