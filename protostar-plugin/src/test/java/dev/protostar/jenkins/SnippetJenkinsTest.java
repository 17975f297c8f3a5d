package dev.protostar.jenkins;

import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The Snippet Generator's form and the Pipeline syntax of each step agree, both ways. */
@WithJenkins
class SnippetJenkinsTest {
    private JenkinsRule r;
    private SnippetizerTester st;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        r = rule;
        st = new SnippetizerTester(r);
    }

    @Test
    void deploy() throws Exception {
        st.assertRoundTrip(new ProtostarDeployStep(), "protostarDeploy()");
        ProtostarDeployStep s = new ProtostarDeployStep();
        s.setDockerHost("main");
        s.setImage("nest:42");
        st.assertRoundTrip(s, "protostarDeploy dockerHost: 'main', image: 'nest:42'");
        s.setVerbose(true);
        s.setSpec("apps/nest/protostar.yml");
        s.setCredentialsId("docker-tls");
        s.setRevision("abc123");
        s.setSharedSpec("nest");
        r.assertEqualDataBoundBeans(s, new StepConfigTester(r).configRoundTrip(s));
    }

    /** The symbols of the credentials parameter are this plugin's, as withCredentials writes them. */
    @Test
    void deployWithCredentials() throws Exception {
        ProtostarDeployStep s = new ProtostarDeployStep();
        s.setCredentials(java.util.List.of(new SecretTextBinding("REDIS_URL", "nest-redis-url"),
                new UsernamePasswordBinding("DB_USER", "DB_PASSWORD", "nest-db"), new SecretFileBinding("NEST_ENV", "nest-env")));
        st.assertParseStep(s, "protostarDeploy credentials: [string(credentialsId: 'nest-redis-url', variable: 'REDIS_URL'), "
                + "usernamePassword(credentialsId: 'nest-db', passwordVariable: 'DB_PASSWORD', usernameVariable: 'DB_USER'), "
                + "file(credentialsId: 'nest-env', variable: 'NEST_ENV')]");
        r.assertEqualDataBoundBeans(s, new StepConfigTester(r).configRoundTrip(s));
    }

    /** The registry's credentials are an id, as docker-commons' registry endpoint takes them; kept by the form. */
    @Test
    void deployWithRegistryCredentials() throws Exception {
        ProtostarDeployStep s = new ProtostarDeployStep();
        s.setImage("registry.example.com/team/nest:1.4.2");
        s.setRegistryCredentialsId("registry");
        st.assertRoundTrip(s, "protostarDeploy image: 'registry.example.com/team/nest:1.4.2', registryCredentialsId: 'registry'");
        r.assertEqualDataBoundBeans(s, new StepConfigTester(r).configRoundTrip(s));
    }

    @Test
    void switchTo() throws Exception {
        st.assertRoundTrip(new ProtostarSwitchStep("previous"), "protostarSwitch 'previous'");
        st.assertRoundTrip(new ProtostarSwitchStep("green"), "protostarSwitch 'green'");
        ProtostarSwitchStep s = new ProtostarSwitchStep("blue");
        s.setSpec("apps/nest/protostar.yml");
        s.setDockerHost("main");
        r.assertEqualDataBoundBeans(s, new StepConfigTester(r).configRoundTrip(s));
    }

    @Test
    void verify() throws Exception {
        st.assertRoundTrip(new ProtostarVerifyStep(), "protostarVerify()");
        ProtostarVerifyStep s = new ProtostarVerifyStep();
        s.setUnstable(true);
        st.assertRoundTrip(s, "protostarVerify unstable: true");
        r.assertEqualDataBoundBeans(s, new StepConfigTester(r).configRoundTrip(s));
    }

    @Test
    void releaseLock() throws Exception {
        ProtostarReleaseLockStep s = new ProtostarReleaseLockStep();
        s.setHolder("https://ci.example/job/nest/7/");
        st.assertRoundTrip(s, "protostarReleaseLock holder: 'https://ci.example/job/nest/7/'");
        r.assertEqualDataBoundBeans(s, new StepConfigTester(r).configRoundTrip(s));
    }

    @Test
    void stepHelpIsGenerated() throws Exception {
        SnippetizerTester.assertDocGeneration(ProtostarDeployStep.class);
        SnippetizerTester.assertDocGeneration(ProtostarSwitchStep.class);
        SnippetizerTester.assertDocGeneration(ProtostarVerifyStep.class);
        SnippetizerTester.assertDocGeneration(ProtostarReleaseLockStep.class);
    }
}
