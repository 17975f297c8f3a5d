package dev.protostar.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Label;
import hudson.model.Result;
import hudson.util.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jenkinsci.plugins.docker.commons.credentials.DockerServerCredentials;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.graphanalysis.NodeStepTypePredicate;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * What a step says when it cannot deploy. None of these reach Docker, but all of them run the engine
 * on an agent, so the call, its arguments and its result cross a real agent channel.
 */
@WithJenkins
class StepFailuresJenkinsTest {
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private static final String KEY = "-----BEGIN PRIVATE KEY-----\nnot-a-key-but-secret\n-----END PRIVATE KEY-----";

    @TempDir
    Path ws;

    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        r.createOnlineSlave(Label.get("deploy"));
    }

    private WorkflowRun run(String steps, Result expected) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition("node('deploy') { ws('%s') { %s } }".formatted(ws, steps), true));
        return r.assertBuildStatus(expected, p.scheduleBuild2(0));
    }

    @Test
    void aSpecErrorNamesItsLineAndNothingChanges() throws Exception {
        Files.writeString(ws.resolve("protostar.yml"), "app: nest\nport: 0\n");
        WorkflowRun b = run("protostarDeploy()", Result.FAILURE);
        r.assertLogContains("[protostar nest] ✗ spec", b);
        r.assertLogContains("protostar.yml:2:", b);
        r.assertLogContains("Nothing on the server was changed.", b);
        assertNull(b.getAction(ProtostarBadgeAction.class), "no app, no badge");
    }

    @Test
    void aMissingSpecSaysWhereItLooked() throws Exception {
        WorkflowRun b = run("protostarSwitch to: 'previous', spec: 'apps/nest/protostar.yml'", Result.FAILURE);
        r.assertLogContains("there is no spec file at", b);
        r.assertLogContains("apps/nest/protostar.yml", b);
    }

    @Test
    void aSpecOutsideTheWorkspaceIsRefused() throws Exception {
        WorkflowRun b = run("protostarVerify spec: '../elsewhere/protostar.yml'", Result.FAILURE);
        r.assertLogContains("spec: must stay inside the workspace", b);
    }

    @Test
    void verifyMarksUnstableWhenAsked() throws Exception {
        WorkflowRun b = run("def v = protostarVerify(unstable: true); echo \"ok=${v.ok}\"", Result.UNSTABLE);
        r.assertLogContains("verify found 1 problem(s):", b);
        r.assertLogContains("ok=false", b);
        FlowNode verify = new DepthFirstScanner().findFirstMatch(b.getExecution(), new NodeStepTypePredicate("protostarVerify"));
        WarningAction warning = verify.getAction(WarningAction.class);
        assertNotNull(warning, "the stage shows as unstable, not only the build");
        assertEquals(Result.UNSTABLE, warning.getResult());
        assertTrue(warning.getMessage().contains("verify found 1 problem(s)"), warning.getMessage());
    }

    @Test
    void releasingALockNeedsAReadableSpec() throws Exception {
        WorkflowRun b = run("protostarReleaseLock holder: 'job/nest/7/'", Result.FAILURE);
        r.assertLogContains("there is no spec file at", b);
        r.assertLogNotContains("protostar lock release", b);
    }

    @Test
    void anUnknownSharedSpecOrDockerHostIsNamed() throws Exception {
        WorkflowRun spec = run("protostarDeploy sharedSpec: 'nope'", Result.FAILURE);
        r.assertLogContains("sharedSpec: no spec named \"nope\"", spec);
        WorkflowRun host = run("protostarDeploy dockerHost: 'nowhere'", Result.FAILURE);
        r.assertLogContains("dockerHost: \"nowhere\" is neither a Docker endpoint", host);
    }

    @Test
    void aSharedSpecWithGlobalDefaultsIsUsedAndCleanedUp() throws Exception {
        ProtostarGlobalConfiguration config = ProtostarGlobalConfiguration.get();
        config.setHealthDefaults("successes: 0"); // set directly: the form would refuse it
        config.setSharedSpecs(List.of(new SharedSpec("nest", "app: nest\nport: 3000\n")));
        WorkflowRun b = run("protostarDeploy sharedSpec: 'nest'", Result.FAILURE);
        r.assertLogContains("Default health policy, line 1, column 12: health.successes", b);
        r.assertLogNotContains("protostar-shared-", b);
        r.assertLogContains("health.successes", b);
        try (var files = Files.list(ws)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().contains("protostar-")), "nothing is written into the workspace");
        }
        // It was written into the workspace's @tmp sibling (core's WorkspaceList.tempDir), and removed from there.
        Path tempDir = ws.resolveSibling(ws.getFileName() + "@tmp");
        if (Files.isDirectory(tempDir)) {
            try (var files = Files.list(tempDir)) {
                assertFalse(files.anyMatch(f -> f.getFileName().toString().startsWith("protostar-")), "the shared spec is removed");
            }
        }
    }

    @Test
    void missingCredentialsAreNamedAndKeysNeverLogged() throws Exception {
        WorkflowRun missing = run("protostarDeploy dockerHost: 'tcp://127.0.0.1:2376', credentialsId: 'nope'", Result.FAILURE);
        r.assertLogContains("credentials \"nope\" for tcp://127.0.0.1:2376 were not found", missing);

        SystemCredentialsProvider.getInstance().getCredentials().add(new DockerServerCredentials(CredentialsScope.GLOBAL,
                "docker-tls", "test engine", Secret.fromString(KEY), "not a certificate", "not a CA"));
        SystemCredentialsProvider.getInstance().save();
        // The include and state directories stay in the workspace, whatever the engine gets to.
        Files.writeString(ws.resolve("protostar.yml"), "app: nest\nport: 3000\nrouter:\n  includeDir: nginx\n");
        WorkflowRun bad = run("protostarDeploy dockerHost: 'tcp://127.0.0.1:2376', credentialsId: 'docker-tls'", Result.FAILURE);
        r.assertLogNotContains("not-a-key-but-secret", bad);
    }
}
