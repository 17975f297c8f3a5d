// Compile-only stand-in for the JenkinsRule tests, never packaged: io.jenkins:configuration-as-code and io.jenkins.configuration-as-code:test-harness (version from bom-2.541.x)
// Signatures read from jenkinsci/configuration-as-code-plugin plugin/src/main/java/io/jenkins/plugins/casc/model/Mapping.java at 58646eb6.
// Declares only what protostar-plugin's tests use; supertypes left out are named in a comment.
package io.jenkins.plugins.casc.model;

import java.util.HashMap;

public final class Mapping extends HashMap<String, CNode> implements CNode {}
