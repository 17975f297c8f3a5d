package dev.protostar.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.protostar.core.docker.Docker;
import dev.protostar.core.state.EngineLock;
import hudson.model.Label;
import hudson.model.Result;
import java.nio.file.Path;
import java.time.Duration;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** A build log speaks Pipeline: the engine's advice, the verify phase's mark, and releasing a stale lock. */
@WithJenkins
class PipelineWordsJenkinsTest {
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @TempDir
    Path tmp;

    private JenkinsRule r;
    private TestSite site;

    @BeforeAll
    static void needsDockerAndNginx() {
        String missing = TestSite.unavailable();
        assumeTrue(missing == null, () -> "skipped: " + missing);
    }

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        r.createOnlineSlave(Label.get("deploy"));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (site != null) {
            site.close();
        }
    }

    private WorkflowJob job(String name, String body) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, name);
        p.setDefinition(definition(body));
        return p;
    }

    private CpsFlowDefinition definition(String body) throws Exception {
        return new CpsFlowDefinition("node('deploy') { ws('%s') {\n%s\n} }".formatted(site.dir(), body), true);
    }

    @Test
    void verifyAdvisesInPipelineTermsAndMarksItsPhaseFailed() throws Exception {
        site = TestSite.create(tmp.resolve("words"), "/health");
        WorkflowJob p = job("words", "protostarDeploy()");
        r.assertBuildStatusSuccess(p.scheduleBuild2(0));
        site.setVersion("v2");
        r.assertBuildStatusSuccess(p.scheduleBuild2(0)); // green live, blue warm as nginx's backup
        try (Docker docker = Docker.connect(TestSite.DOCKER)) {
            docker.client().removeContainerCmd(site.app() + "-blue").withForce(true).exec();
        }

        p.setDefinition(definition("protostarVerify()"));
        WorkflowRun b = r.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));
        r.assertLogContains("protostarSwitch to: 'green' routes it afresh", b);
        r.assertLogContains("[protostar " + site.app() + "] ✗ verify", b);
        r.assertLogNotContains("✓ verify", b);
        r.assertLogNotContains("protostar switch --to", b);
        r.assertLogNotContains("protostar status", b);
    }

    @Test
    void aStaleLockIsReleasedOnlyForItsHolder() throws Exception {
        site = TestSite.create(tmp.resolve("lock"), "/health");
        WorkflowJob p = job("lock", "protostarDeploy()");
        try (Docker docker = Docker.connect(TestSite.DOCKER);
                EngineLock stale = EngineLock.acquire(docker, site.app(), "https://ci.example/job/nest/41/", Duration.ofMinutes(5))) {
            WorkflowRun refused = r.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));
            r.assertLogContains("protostarReleaseLock holder: 'https://ci.example/job/nest/41/'", refused);
            r.assertLogNotContains("protostar lock release", refused);

            p.setDefinition(definition("protostarReleaseLock holder: 'https://ci.example/job/nest/40/'"));
            WorkflowRun other = r.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));
            r.assertLogContains("not released: the lock is held by https://ci.example/job/nest/41/", other);
            assertTrue(stale.stillHeld(), "a lock that names another holder stays");

            p.setDefinition(definition("def lines = protostarReleaseLock holder: 'https://ci.example/job/nest/41/'\necho \"${lines.size()}\""));
            WorkflowRun released = r.assertBuildStatusSuccess(p.scheduleBuild2(0));
            r.assertLogContains("released the lock held by https://ci.example/job/nest/41/", released);
        }
        p.setDefinition(definition("protostarDeploy()"));
        r.assertBuildStatusSuccess(p.scheduleBuild2(0));
        assertEquals("200 v1", site.answer());
    }
}
