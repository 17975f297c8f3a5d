// Compile-only stand-in, never packaged: org.jenkins-ci.plugins:plain-credentials (version from bom-2.541.x)
// Signatures read from jenkinsci/plain-credentials-plugin src/main/java/org/jenkinsci/plugins/plaincredentials/FileCredentials.java at 19caf8f.
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package org.jenkinsci.plugins.plaincredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import java.io.IOException;
import java.io.InputStream;

// Real is also annotated @NameWith and declares a nested NameProvider.
public interface FileCredentials extends StandardCredentials {
    String getFileName();

    InputStream getContent() throws IOException;
}
