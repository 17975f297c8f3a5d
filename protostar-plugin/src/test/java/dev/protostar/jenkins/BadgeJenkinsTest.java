package dev.protostar.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.Outcome;
import dev.protostar.jenkins.bridge.BadgeModel;
import hudson.ExtensionList;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Markup in what a badge says (an app name or image from a spec) is shown as text on the build and job pages. */
@WithJenkins
class BadgeJenkinsTest {
    private static final String MARKUP = "<img src=x onerror=alert(1)>";

    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        r = rule;
    }

    @Test
    void badgeTextIsEscapedWhereverItIsShown() throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "nest");
        p.setDefinition(new CpsFlowDefinition("echo 'deployed elsewhere'", true));
        WorkflowRun b = r.assertBuildStatusSuccess(p.scheduleBuild2(0));
        ProtostarBadgeAction.attach(b, new BadgeModel(MARKUP, "deploy", Outcome.SUCCEEDED, "blue", null, "<b>" + MARKUP + "</b>",
                null, 1_000, null));
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            for (String page : new String[] {wc.getPage(b).getWebResponse().getContentAsString(),
                    wc.getPage(p).getWebResponse().getContentAsString()}) {
                assertFalse(page.contains(MARKUP), "unescaped markup on the page");
                assertFalse(page.contains("<b><img"), "unescaped markup on the page");
                assertTrue(page.contains("&lt;img src=x onerror=alert(1)&gt;"), "the text is shown, escaped");
            }
        }
    }

    /** The job page's table is made only when it is asked for, and follows a badge added to the last build. */
    @Test
    void liveColorsAreAskedForOnlyAsThemselves() throws Exception {
        assertEquals(LiveColorsAction.class, ExtensionList.lookupSingleton(LiveColorsActionFactory.class).actionType());
        WorkflowJob p = r.createProject(WorkflowJob.class, "api");
        assertNull(p.getAction(LiveColorsAction.class), "a job that never built has no table");
        p.setDefinition(new CpsFlowDefinition("echo 'no deploy'", true));
        WorkflowRun b = r.assertBuildStatusSuccess(p.scheduleBuild2(0));
        assertNull(p.getAction(LiveColorsAction.class), "a job that never deployed has no table");
        ProtostarBadgeAction.attach(b, new BadgeModel("api", "deploy", Outcome.SUCCEEDED, "green", "blue", "api:2", null, 1_000, null));
        LiveColorsAction table = p.getAction(LiveColorsAction.class);
        assertNotNull(table, "the new badge is seen at once");
        assertEquals("green", table.getRows().get(0).getLive());
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            String job = wc.goTo(p.getUrl() + "api/json?depth=1", "application/json").getWebResponse().getContentAsString();
            assertTrue(job.contains("\"app\":\"api\"") && job.contains("\"live\":\"green\""), "the live color is in the REST API: " + job);
            String build = wc.goTo(b.getUrl() + "api/json", "application/json").getWebResponse().getContentAsString();
            assertTrue(build.contains("\"outcome\":\"SUCCEEDED\""), "the badge is in the REST API: " + build);
        }
    }

    /** The documented separate rollback job switched last: the deploy job's page shows that color, and links that build. */
    @Test
    void theDeployJobShowsWhatTheRollbackJobSwitchedTo() throws Exception {
        WorkflowJob deploy = r.createProject(WorkflowJob.class, "shop");
        deploy.setDefinition(new CpsFlowDefinition("echo 'deployed'", true));
        WorkflowRun d = r.assertBuildStatusSuccess(deploy.scheduleBuild2(0));
        ProtostarBadgeAction.attach(d, new BadgeModel("shop", "deploy", Outcome.SUCCEEDED, "green", "blue", "shop:2", null, 1_000, null),
                "tcp://10.0.0.5:2376");
        assertEquals("green", deploy.getAction(LiveColorsAction.class).getRows().get(0).getLive());
        WorkflowJob rollback = r.createProject(WorkflowJob.class, "shop-rollback");
        rollback.setDefinition(new CpsFlowDefinition("echo 'switched'", true));
        WorkflowRun s = r.assertBuildStatusSuccess(rollback.scheduleBuild2(0));
        Thread.sleep(5); // a later badge
        ProtostarBadgeAction.attach(s, new BadgeModel("shop", "switch", Outcome.SUCCEEDED, "blue", "green", "shop:1", null, 500, null),
                "tcp://10.0.0.5:2376");
        LiveColorsAction.Row row = deploy.getAction(LiveColorsAction.class).getRows().get(0);
        assertEquals("blue", row.getLive());
        assertEquals(s.getUrl(), row.getBuildUrl());
        ProtostarBadgeAction.attach(s, new BadgeModel("shop", "switch", Outcome.SUCCEEDED, "green", "blue", "shop:1", null, 500, null),
                "tcp://staging:2376");
        assertEquals("blue", deploy.getAction(LiveColorsAction.class).getRows().get(0).getLive(), "another engine is another row");
    }
}
