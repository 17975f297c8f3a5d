// Compile-only stand-in, never packaged: org.jenkins-ci.plugins:plain-credentials (version from bom-2.541.x)
// Signatures read from jenkinsci/plain-credentials-plugin src/main/java/org/jenkinsci/plugins/plaincredentials/impl/FileCredentialsImpl.java at 19caf8f.
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package org.jenkinsci.plugins.plaincredentials.impl;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.impl.BaseStandardCredentials;
import java.io.IOException;
import java.io.InputStream;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;

// Final, as the real class. For the JenkinsRule tests. The real class also has two constructors for Stapler that take
// an uploaded FileItem (one @DataBoundConstructor, one @Deprecated); left out, as nothing here uploads.
public final class FileCredentialsImpl extends BaseStandardCredentials implements FileCredentials {
    public FileCredentialsImpl(CredentialsScope scope, String id, String description, String fileName, SecretBytes secretBytes) {
        super(scope, id, description);
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public String getFileName() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public InputStream getContent() throws IOException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
