// Compile-only stand-in for the JenkinsRule tests, never packaged: io.jenkins:configuration-as-code and io.jenkins.configuration-as-code:test-harness (version from bom-2.541.x)
// Signatures read from jenkinsci/configuration-as-code-plugin test-harness/src/main/java/io/jenkins/plugins/casc/misc/JenkinsConfiguredRule.java at 58646eb6.
// Declares only what protostar-plugin's tests use; supertypes left out are named in a comment.
package io.jenkins.plugins.casc.misc;

import org.jvnet.hudson.test.JenkinsRule;

public class JenkinsConfiguredRule extends JenkinsRule {}
