// Compile-only stand-in for the JenkinsRule tests, never packaged: org.jenkins-ci.plugins.workflow:workflow-api (version from bom-2.541.x)
// Signatures read from jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/graphanalysis/NodeStepTypePredicate.java at cbc88d9.
// Declares only what protostar-plugin's tests use; supertypes left out are named in a comment.
package org.jenkinsci.plugins.workflow.graphanalysis;

import com.google.common.base.Predicate;
import org.jenkinsci.plugins.workflow.graph.FlowNode;

public final class NodeStepTypePredicate implements Predicate<FlowNode> {
    public NodeStepTypePredicate(String functionName) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public boolean apply(FlowNode input) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
