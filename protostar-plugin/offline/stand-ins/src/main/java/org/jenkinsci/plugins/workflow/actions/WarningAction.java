// Compile-only stand-in, never packaged: org.jenkins-ci.plugins.workflow:workflow-api (version from bom-2.541.x)
// Signatures read from jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/actions/WarningAction.java at cbc88d9.
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package org.jenkinsci.plugins.workflow.actions;

import hudson.model.Result;

public class WarningAction implements PersistentAction {
    public WarningAction(Result result) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public WarningAction withMessage(String message) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public String getMessage() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public Result getResult() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public String getIconFileName() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
