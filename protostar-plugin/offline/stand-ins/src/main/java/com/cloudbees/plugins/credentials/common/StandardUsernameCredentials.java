// Compile-only stand-in, never packaged: org.jenkins-ci.plugins:credentials (version from bom-2.541.x)
// Signatures read from jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/common/StandardUsernameCredentials.java at d96751b (1502.v5c95e620ddfe).
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package com.cloudbees.plugins.credentials.common;

// Real is also annotated @Recommended and @NameWith, and declares a nested NameProvider.
public interface StandardUsernameCredentials extends StandardCredentials, UsernameCredentials {}
