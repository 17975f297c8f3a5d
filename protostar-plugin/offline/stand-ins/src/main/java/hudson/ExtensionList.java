// Compile-only stand-in, never packaged: org.jenkins-ci.main:jenkins-core:2.541.3
// Signatures read from jenkinsci/jenkins core/src/main/java/hudson/ExtensionList.java at tag jenkins-2.541.3.
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package hudson;

import java.util.AbstractList;
import jenkins.model.Jenkins;

// Real: ... extends AbstractList<T> implements OnMaster
public class ExtensionList<T> extends AbstractList<T> {
    // Real: also (Hudson, Class), and both with a legacy store; all protected.
    protected ExtensionList(Jenkins jenkins, Class<T> extensionType) {}

    public static <U> U lookupSingleton(Class<U> type) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public static <T> ExtensionList<T> lookup(Class<T> type) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public T get(int index) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
