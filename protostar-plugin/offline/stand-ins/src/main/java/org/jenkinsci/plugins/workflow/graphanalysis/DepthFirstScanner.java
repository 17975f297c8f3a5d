// Compile-only stand-in for the JenkinsRule tests, never packaged: org.jenkins-ci.plugins.workflow:workflow-api (version from bom-2.541.x)
// Signatures read from jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/graphanalysis/DepthFirstScanner.java
// and AbstractFlowScanner.java at cbc88d9.
// Declares only what protostar-plugin's tests use; supertypes left out are named in a comment.
package org.jenkinsci.plugins.workflow.graphanalysis;

import com.google.common.base.Predicate;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.graph.FlowNode;

// Real: public class DepthFirstScanner extends AbstractFlowScanner, where findFirstMatch is declared.
public class DepthFirstScanner {
    public FlowNode findFirstMatch(FlowExecution exec, Predicate<FlowNode> matchPredicate) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
