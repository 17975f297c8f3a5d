// Compile-only stand-in, never packaged: org.jenkins-ci.main:jenkins-core:2.541.3
// Signatures read from jenkinsci/jenkins core/src/main/java/hudson/model/Actionable.java at tag jenkins-2.541.3.
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package hudson.model;

import java.util.List;

// Real: ... extends AbstractModelObject implements ModelObjectWithContextMenu
public abstract class Actionable extends AbstractModelObject {
    @Deprecated
    public List<Action> getActions() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public <T extends Action> List<T> getActions(Class<T> type) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public void addAction(Action a) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public boolean addOrReplaceAction(Action a) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public boolean removeAction(Action a) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public <T extends Action> T getAction(Class<T> type) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
