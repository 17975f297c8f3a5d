package dev.protostar.jenkins;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import org.junit.jupiter.api.Test;

/** The configuration exports under its symbol, so "View Configuration" shows what JCasC would apply. */
@WithJenkinsConfiguredWithCode
class CascExportJenkinsTest {
    @Test
    @ConfiguredWithCode("configuration-as-code.yaml")
    void exportsUnderItsSymbol(JenkinsConfiguredWithCodeRule j) throws Exception {
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode protostar = Util.getUnclassifiedRoot(context).get("protostar");
        String yaml = Util.toYamlString(protostar);
        assertTrue(yaml.contains("tcp://10.0.0.5:2376"), yaml);
        assertTrue(yaml.contains("docker-tls"), yaml);
        assertTrue(yaml.contains("/protostar-health"), yaml);
        assertTrue(yaml.contains("nest"), yaml);
    }
}
