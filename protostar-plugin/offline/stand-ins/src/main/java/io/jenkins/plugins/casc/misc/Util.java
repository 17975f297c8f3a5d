// Compile-only stand-in for the JenkinsRule tests, never packaged: io.jenkins:configuration-as-code and io.jenkins.configuration-as-code:test-harness (version from bom-2.541.x)
// Signatures read from jenkinsci/configuration-as-code-plugin test-harness/src/main/java/io/jenkins/plugins/casc/misc/Util.java at 58646eb6.
// Declares only what protostar-plugin's tests use; supertypes left out are named in a comment.
package io.jenkins.plugins.casc.misc;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.model.CNode;
import io.jenkins.plugins.casc.model.Mapping;
import java.io.IOException;
import java.net.URISyntaxException;

public class Util {
    public static Mapping getUnclassifiedRoot(ConfigurationContext context) throws Exception {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public static String toYamlString(CNode rootNode) throws IOException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public static String toStringFromYamlFile(Object clazz, String resourcePath) throws URISyntaxException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
