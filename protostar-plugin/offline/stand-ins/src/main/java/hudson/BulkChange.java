// Compile-only stand-in, never packaged: org.jenkins-ci.main:jenkins-core:2.541.3
// Signatures read from jenkinsci/jenkins core/src/main/java/hudson/BulkChange.java at tag jenkins-2.541.3.
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package hudson;

import hudson.model.Saveable;
import java.io.Closeable;
import java.io.IOException;

public class BulkChange implements Closeable {
    public BulkChange(Saveable saveable) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public void commit() throws IOException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public void abort() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public static boolean contains(Saveable s) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
