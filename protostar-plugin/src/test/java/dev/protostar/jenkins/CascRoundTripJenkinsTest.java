package dev.protostar.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.casc.misc.junit.jupiter.AbstractRoundTripTest;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * {@code unclassified: protostar:} is read, checked through the web UI, applied, written to
 * {@code jenkins.yaml} and read again after a restart (configuration-as-code.yaml next to this class).
 */
class CascRoundTripJenkinsTest extends AbstractRoundTripTest {
    @Override
    protected void assertConfiguredAsExpected(JenkinsRule j, String configContent) {
        ProtostarGlobalConfiguration c = ProtostarGlobalConfiguration.get();
        assertEquals(2, c.getDockerHosts().size());
        DockerHostEntry main = c.findDockerHost("main");
        assertEquals("tcp://10.0.0.5:2376", main.getUri());
        assertEquals("docker-tls", main.getCredentialsId());
        assertEquals("unix:///var/run/docker.sock", c.findDockerHost("local").getUri());
        assertEquals("includeDir: /etc/nginx/conf.d\nurl: http://127.0.0.1", c.getRouterDefaults());
        assertEquals("path: /protostar-health\nsuccesses: 3", c.getHealthDefaults());
        assertEquals(true, c.isAllowBuiltInNode());
        assertEquals(1, c.getSharedSpecs().size());
        assertEquals("nest", c.getSharedSpecs().get(0).getName());
        assertEquals("app: nest\nport: 3000\n", c.getSharedSpecs().get(0).getYaml());
    }

    @Override
    protected String stringInLogExpected() {
        return "/protostar-health";
    }
}
