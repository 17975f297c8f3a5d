// Compile-only stand-in, never packaged: org.jenkins-ci.plugins:plain-credentials (version from bom-2.541.x)
// Signatures read from jenkinsci/plain-credentials-plugin src/main/java/org/jenkinsci/plugins/plaincredentials/StringCredentials.java at 19caf8f.
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package org.jenkinsci.plugins.plaincredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.util.Secret;

// Real is also annotated @NameWith and declares a nested NameProvider.
public interface StringCredentials extends StandardCredentials {
    Secret getSecret();
}
