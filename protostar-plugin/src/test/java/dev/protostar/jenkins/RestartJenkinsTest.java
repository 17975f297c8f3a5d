package dev.protostar.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.protostar.core.api.EventListener;
import dev.protostar.core.api.HistoryEntry;
import dev.protostar.core.api.VerifyRequest;
import dev.protostar.core.engine.Engine;
import hudson.model.Label;
import hudson.model.Result;
import java.nio.file.Path;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * A controller restart in the middle of a deploy on an agent (jenkins-test-harness {@code JenkinsSessionExtension}: the
 * same JENKINS_HOME, a new Jenkins): the resumed step reports what the app's history on the Docker engine says this
 * build did, with its badge, or fails naming protostarVerify when nothing is recorded; never the generic "Resume after a
 * restart not supported" of {@code SynchronousNonBlockingStepExecution}. Runs where the Jenkins repository is reachable.
 */
class RestartJenkinsTest {
    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @TempDir
    Path tmp;

    @BeforeAll
    static void needsDockerAndNginx() {
        String missing = TestSite.unavailable();
        assumeTrue(missing == null, () -> "skipped: " + missing);
    }

    @Test
    void aDeployCutOffByARestartReportsWhatTheEngineRecorded() throws Throwable {
        TestSite site = TestSite.create(tmp.resolve("nest"), "/health");
        try {
            sessions.then(r -> {
                r.createOnlineSlave(Label.get("deploy")); // its launcher is kept in JENKINS_HOME and started again
                WorkflowJob p = r.createProject(WorkflowJob.class, "nest");
                p.setDefinition(new CpsFlowDefinition("node('deploy') { ws('%s') { def d = protostarDeploy(revision: 'v1'); echo \"live: ${d.color}\" } }"
                        .formatted(site.dir()), true));
                WorkflowRun b = p.scheduleBuild2(0).waitForStart();
                r.waitForMessage("[protostar " + site.app() + "] ▸ gate", b);
            });
            sessions.then(r -> {
                WorkflowRun b = r.jenkins.getItemByFullName("nest", WorkflowJob.class).getLastBuild();
                r.waitForCompletion(b);
                r.assertLogContains("Jenkins restarted while this step ran", b);
                r.assertLogNotContains("Resume after a restart not supported", b);
                String owner = r.jenkins.getRootUrl() + b.getUrl();
                List<HistoryEntry> history = Engine.history(new VerifyRequest(site.dir().resolve("protostar.yml").toString(), List.of()),
                        50, EventListener.NONE);
                HistoryEntry recorded = history.stream().filter(e -> owner.equals(e.owner())).reduce((a, c) -> c).orElse(null);
                ProtostarBadgeAction badge = b.getAction(ProtostarBadgeAction.class);
                if (recorded == null) {
                    r.assertBuildStatus(Result.FAILURE, b);
                    r.assertLogContains("protostarVerify", b);
                    assertNull(badge, "no badge for an outcome nobody knows");
                } else {
                    assertNotNull(badge, "the recorded outcome gets its badge");
                    assertEquals(recorded.outcome(), badge.getOutcome());
                    assertEquals(recorded.color(), badge.getLive());
                    r.assertBuildStatus("SUCCEEDED".equals(recorded.outcome()) ? Result.SUCCESS : Result.FAILURE, b);
                    r.assertLogContains("recorded by the engine while Jenkins restarted", b);
                }
            });
        } finally {
            site.close();
        }
    }
}
