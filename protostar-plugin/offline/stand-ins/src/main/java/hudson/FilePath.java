// Compile-only stand-in, never packaged: org.jenkins-ci.main:jenkins-core:2.541.3
// Signatures read from jenkinsci/jenkins core/src/main/java/hudson/FilePath.java at tag jenkins-2.541.3.
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package hudson;

import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import org.jenkinsci.remoting.RoleSensitive;

// Real: public final class FilePath implements SerializableOnlyOverRemoting
public final class FilePath implements Serializable {
    public FilePath(File localPath) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public String getRemote() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public boolean isRemote() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public VirtualChannel getChannel() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public <T> T act(final FileCallable<T> callable) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public interface FileCallable<T> extends Serializable, RoleSensitive {
        T invoke(File f, VirtualChannel channel) throws IOException, InterruptedException;
    }
}
