package dev.protostar.jenkins;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.Outcome;
import dev.protostar.jenkins.bridge.BadgeModel;
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
}
