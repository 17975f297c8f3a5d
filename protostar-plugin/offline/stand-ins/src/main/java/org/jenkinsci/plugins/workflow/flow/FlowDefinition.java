// Compile-only stand-in for the JenkinsRule tests, never packaged: org.jenkins-ci.plugins.workflow:workflow-api (version from bom-2.541.x)
// Signatures read from jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/flow/FlowDefinition.java at 22b8681.
// Declares only what protostar-plugin's tests use; supertypes left out are named in a comment.
package org.jenkinsci.plugins.workflow.flow;

import hudson.model.AbstractDescribableImpl;

// Real: public abstract class FlowDefinition extends AbstractDescribableImpl<FlowDefinition> implements ExtensionPoint
@SuppressWarnings("deprecation")
public abstract class FlowDefinition extends AbstractDescribableImpl<FlowDefinition> {}
