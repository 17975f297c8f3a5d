package dev.protostar.jenkins;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Label;
import hudson.model.Result;
import hudson.util.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jenkinsci.plugins.docker.commons.credentials.DockerServerCredentials;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The client key of a configured Docker endpoint is used by a build and shown nowhere: not in the
 * log, the badge, the global or job configuration, the build record, or any file Jenkins writes,
 * nor on the configuration page. SecretsStayOutTest checks the engine's side offline.
 */
@WithJenkins
class SecretsJenkinsTest {
    /** A line of key material that must never be found; it sits in a PEM block like a real key. */
    private static final String KEY_LINE = "cHJvdG9zdGFyLXNlbnRpbmVsLWtleS1tYXRlcmlhbA";
    private static final String KEY = "-----BEGIN PRIVATE KEY-----\n" + KEY_LINE + "\n-----END PRIVATE KEY-----\n";

    @TempDir
    Path ws;

    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        r.createOnlineSlave(Label.get("deploy"));
        SystemCredentialsProvider.getInstance().getCredentials().add(new DockerServerCredentials(CredentialsScope.GLOBAL,
                "docker-tls", "main engine", Secret.fromString(KEY), "not a certificate", "not a CA"));
        SystemCredentialsProvider.getInstance().save();
        DockerHostEntry main = new DockerHostEntry("main", "tcp://127.0.0.1:1");
        main.setCredentialsId("docker-tls");
        ProtostarGlobalConfiguration.get().setDockerHosts(List.of(main));
        Files.writeString(ws.resolve("protostar.yml"), "app: nest\nport: 3000\nrouter:\n  includeDir: nginx\n");
    }

    @Test
    void theKeyIsNeverWrittenOrShown() throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "nest");
        p.setDefinition(new CpsFlowDefinition(
                "node('deploy') { ws('%s') { protostarDeploy image: 'nest:1', dockerHost: 'main' } }".formatted(ws), true));
        WorkflowRun b = r.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));
        r.assertLogNotContains(KEY_LINE, b);
        for (ProtostarBadgeAction badge : b.getActions(ProtostarBadgeAction.class)) {
            assertFalse(badge.getTooltip().contains(KEY_LINE));
        }
        try (Stream<Path> files = Files.walk(r.jenkins.getRootDir().toPath())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (Files.size(f) < 10_000_000) {
                    String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    assertFalse(text.contains(KEY_LINE), "key material in " + f);
                }
            }
        }
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            String page = wc.goTo("configure").getWebResponse().getContentAsString();
            assertTrue(page.contains("docker-tls"), "the page names the credentials");
            assertFalse(page.contains(KEY_LINE), "and shows none of them");
        }
    }
}
