package dev.protostar.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import hudson.model.Label;
import hudson.model.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.htmlunit.html.HtmlPage;
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

/** The three steps end to end on an agent, against a real Docker engine and a real nginx. */
@WithJenkins
class PipelineJenkinsTest {
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
        p.setDefinition(new CpsFlowDefinition("""
                node('deploy') {
                  ws('%s') {
                %s
                  }
                }
                """.formatted(site.dir(), body), true));
        return p;
    }

    @Test
    void deploySwitchBackAndVerify() throws Exception {
        site = TestSite.create(tmp.resolve("nest"), "/health");
        WorkflowJob p = job("nest", """
                    def d = protostarDeploy(revision: 'v1')
                    echo "deployed ${d.app} to ${d.color} in ${d.duration}, image ${d.image}"
                """);
        WorkflowRun b1 = r.assertBuildStatusSuccess(p.scheduleBuild2(0));
        r.assertLogContains("[protostar " + site.app() + "] ✓ build", b1);
        r.assertLogContains("[protostar " + site.app() + "] ✓ gate", b1);
        r.assertLogContains("[protostar " + site.app() + "] ✓ switch", b1);
        r.assertLogContains("deployed " + site.app() + " to blue in ", b1);
        assertEquals("200 v1", site.answer());
        ProtostarBadgeAction first = b1.getAction(ProtostarBadgeAction.class);
        assertNotNull(first);
        assertEquals("blue", first.getModel().live());
        assertTrue(first.getTooltip().startsWith(site.app() + " → blue (image "), first.getTooltip());

        site.setVersion("v2");
        p.setDefinition(new CpsFlowDefinition("""
                node('deploy') {
                  ws('%s') {
                    def d = protostarDeploy(revision: 'v2')
                    echo "now ${d.color}, was ${d.previousColor}"
                    def back = protostarSwitch 'previous'
                    echo "switched back to ${back}"
                    def v = protostarVerify()
                    echo "verify ok: ${v.ok}"
                  }
                }
                """.formatted(site.dir()), true));
        WorkflowRun b2 = r.assertBuildStatusSuccess(p.scheduleBuild2(0));
        r.assertLogContains("now green, was blue", b2);
        r.assertLogContains("switched back to blue", b2);
        r.assertLogContains("verify ok: true", b2);
        assertEquals("200 v1", site.answer());
        assertTrue(site.containerExists("green"), "the rolled-back color stays warm");

        List<ProtostarBadgeAction> badges = b2.getActions(ProtostarBadgeAction.class);
        assertEquals(1, badges.size(), "one badge per app and build: the last change");
        assertEquals("switch", badges.get(0).getModel().action());
        assertEquals("blue", badges.get(0).getModel().live());

        LiveColorsAction live = p.getAction(LiveColorsAction.class);
        assertNotNull(live);
        assertEquals(site.app(), live.getRows().get(0).getApp());
        assertEquals("blue", live.getRows().get(0).getLive());

        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            // Symbols render as inline SVG carrying the tooltip; the summary shows the same words as text.
            HtmlPage build = wc.getPage(b2);
            assertTrue(build.asNormalizedText().contains(site.app() + " → blue (switch, image "), "the build page shows the badge");
            HtmlPage jobPage = wc.getPage(p);
            assertTrue(jobPage.asNormalizedText().contains("Live colors"));
            assertTrue(jobPage.asXml().contains(site.app() + " → blue (switch, image "), "the job page shows the live color");
        }
    }

    @Test
    void aFailedGateSaysWhichColorStayedLive() throws Exception {
        site = TestSite.create(tmp.resolve("gate"), "/health");
        WorkflowJob p = job("gate", "    protostarDeploy()");
        r.assertBuildStatusSuccess(p.scheduleBuild2(0));
        site.writeSpec("/missing");
        site.setVersion("v2");
        WorkflowRun b = r.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));
        r.assertLogContains("failed in gate; nothing was switched, blue is still live", b);
        assertEquals("200 v1", site.answer());
        assertEquals(site.app() + ": deploy failed in gate; blue stayed live", b.getAction(ProtostarBadgeAction.class)
                .getTooltip().replaceAll(" \\(.*\\)$", ""));
    }

    @Test
    void anAbortStopsAtASafePointAndReleasesTheLock() throws Exception {
        site = TestSite.create(tmp.resolve("abort"), "/missing");
        WorkflowJob p = job("abort", "    protostarDeploy()");
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("[protostar " + site.app() + "] ▸ gate", b);
        b.doStop();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
        r.assertLogContains("stopping at the next safe point", b);
        r.assertLogContains("nothing was switched", b);
        assertFalse(site.containerExists("blue"), "what the deploy started is removed");
        assertFalse(Files.list(site.dir()).anyMatch(f -> f.getFileName().toString().contains("protostar-")), "no spec in the workspace");

        site.writeSpec("/health");
        r.assertBuildStatusSuccess(p.scheduleBuild2(0)); // the lock was released
        assertEquals("200 v1", site.answer());
    }

    @Test
    void driftFailsVerifyOrMarksItUnstable() throws Exception {
        site = TestSite.create(tmp.resolve("drift"), "/health");
        WorkflowJob p = job("drift", "    protostarDeploy()");
        r.assertBuildStatusSuccess(p.scheduleBuild2(0));
        Files.delete(site.dir().resolve(".nginx/conf.d/protostar-" + site.app() + ".conf"));

        p.setDefinition(new CpsFlowDefinition("node('deploy') { ws('%s') { protostarVerify unstable: true } }"
                .formatted(site.dir()), true));
        WorkflowRun unstable = r.assertBuildStatus(Result.UNSTABLE, p.scheduleBuild2(0));
        r.assertLogContains("verify found 1 problem(s):", unstable);
        r.assertLogContains("nginx has no route for " + site.app(), unstable);

        p.setDefinition(new CpsFlowDefinition("node('deploy') { ws('%s') { protostarVerify() } }".formatted(site.dir()), true));
        WorkflowRun failed = r.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));
        r.assertLogContains("nginx has no route for " + site.app(), failed);
    }
}
