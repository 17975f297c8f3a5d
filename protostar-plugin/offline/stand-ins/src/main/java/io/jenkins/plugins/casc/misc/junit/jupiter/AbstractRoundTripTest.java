// Compile-only stand-in for the JenkinsRule tests, never packaged: io.jenkins:configuration-as-code and io.jenkins.configuration-as-code:test-harness (version from bom-2.541.x)
// Signatures read from jenkinsci/configuration-as-code-plugin test-harness/src/main/java/io/jenkins/plugins/casc/misc/junit/jupiter/AbstractRoundTripTest.java at 58646eb6.
// Declares only what protostar-plugin's tests use; supertypes left out are named in a comment.
package io.jenkins.plugins.casc.misc.junit.jupiter;

import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

// Real: its roundTripTest(JenkinsRule) is the @Test; left out, these tests never run against stand-ins.
@WithJenkins
public abstract class AbstractRoundTripTest {
    protected abstract void assertConfiguredAsExpected(JenkinsRule j, String configContent);

    protected String configResource() {
        return "configuration-as-code.yaml";
    }

    protected abstract String stringInLogExpected();
}
