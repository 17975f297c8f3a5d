package dev.protostar.jenkins;

import hudson.model.Label;
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

/**
 * Each step's answer crosses a real agent channel and the controller's class filter (JEP-200). Under
 * {@code mvn verify} the engine is loaded from its jar, as in a real controller; before the results
 * became plugin types, every step here failed with {@code SecurityException: Rejected: dev.protostar.core…}.
 */
@WithJenkins
class AgentChannelJenkinsTest {
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @TempDir
    Path ws;

    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        r.createOnlineSlave(Label.get("remote"));
    }

    private WorkflowRun run(String steps, Result expected) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition("node('remote') { ws('%s') { %s } }".formatted(ws, steps), true));
        WorkflowRun b = r.assertBuildStatus(expected, p.scheduleBuild2(0));
        r.assertLogNotContains("Rejected:", b);
        r.assertLogNotContains("SecurityException", b);
        return b;
    }

    @Test
    void verifyOnAnAgentReturnsItsMap() throws Exception {
        WorkflowRun b = run("def v = protostarVerify(unstable: true); echo \"ok=${v.ok} problems=${v.problems.size()}\"", Result.UNSTABLE);
        r.assertLogContains("ok=false problems=1", b);
    }

    @Test
    void aFailedDeployOnAnAgentEndsWithTheEnginesWords() throws Exception {
        Files.writeString(ws.resolve("protostar.yml"), "app: nest\nport: 0\n");
        WorkflowRun b = run("protostarDeploy()", Result.FAILURE);
        r.assertLogContains("nest: deploy failed in spec; nothing was switched", b);
    }

    @Test
    void aRefusedSwitchOnAnAgentSaysWhy() throws Exception {
        WorkflowRun b = run("protostarSwitch to: 'purple'", Result.FAILURE);
        r.assertLogContains("to: must be previous, blue or green", b);
    }
}
