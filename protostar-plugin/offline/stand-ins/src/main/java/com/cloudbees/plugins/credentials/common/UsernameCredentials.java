// Compile-only stand-in, never packaged: org.jenkins-ci.plugins:credentials (version from bom-2.541.x)
// Signatures read from jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/common/UsernameCredentials.java at d96751b (1502.v5c95e620ddfe).
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;

// Real is also annotated @LegacyMixIn and @NameWith.
public interface UsernameCredentials extends Credentials {
    String getUsername();

    default boolean isUsernameSecret() {
        return true;
    }
}
