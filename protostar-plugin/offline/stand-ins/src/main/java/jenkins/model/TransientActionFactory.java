// Compile-only stand-in, never packaged: org.jenkins-ci.main:jenkins-core:2.541.3
// Signatures read from jenkinsci/jenkins core/src/main/java/jenkins/model/TransientActionFactory.java at tag jenkins-2.541.3.
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package jenkins.model;

import hudson.ExtensionPoint;
import hudson.model.Action;
import java.util.Collection;

public abstract class TransientActionFactory<T> implements ExtensionPoint {
    public abstract Class<T> type();

    public Class<? extends Action> actionType() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public abstract Collection<? extends Action> createFor(T target);
}
