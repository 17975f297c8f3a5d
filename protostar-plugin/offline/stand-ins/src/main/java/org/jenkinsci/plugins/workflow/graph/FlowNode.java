// Compile-only stand-in, never packaged: org.jenkins-ci.plugins.workflow:workflow-api (version from bom-2.541.x)
// Signatures read from jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/graph/FlowNode.java at cbc88d9.
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package org.jenkinsci.plugins.workflow.graph;

import hudson.model.Actionable;
import hudson.model.Saveable;

public abstract class FlowNode extends Actionable implements Saveable {
    // Real: protected FlowNode(FlowExecution exec, String id, List<FlowNode> parents) and (…, FlowNode... parents).
    // Not declared here, since FlowExecution is not stood in for on the plugin's side; this private constructor only
    // takes away the implicit one, which the real class lacks.
    private FlowNode() {}
}
