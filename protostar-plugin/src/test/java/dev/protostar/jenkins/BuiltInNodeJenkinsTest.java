package dev.protostar.jenkins;

import hudson.model.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The engine never runs inside the controller unless an administrator allows it. */
@WithJenkins
class BuiltInNodeJenkinsTest {
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @TempDir
    Path ws;

    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        Files.writeString(ws.resolve("protostar.yml"), "app: nest\nport: 0\n");
    }

    private WorkflowRun onTheBuiltInNode() throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition("node('built-in') { ws('%s') { protostarDeploy() } }".formatted(ws), true));
        return r.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));
    }

    @Test
    void theBuiltInNodeIsRefusedByDefault() throws Exception {
        WorkflowRun b = onTheBuiltInNode();
        r.assertLogContains("not on the built-in node", b);
        r.assertLogNotContains("[protostar nest] ▸ spec", b);
    }

    @Test
    void anAdministratorCanAllowIt() throws Exception {
        ProtostarGlobalConfiguration.get().setAllowBuiltInNode(true);
        WorkflowRun b = onTheBuiltInNode();
        r.assertLogContains("[protostar nest] ✗ spec", b); // the engine ran, and stopped at the spec
    }
}
