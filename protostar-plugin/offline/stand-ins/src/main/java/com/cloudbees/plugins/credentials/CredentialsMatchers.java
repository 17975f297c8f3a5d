// Compile-only stand-in, never packaged: org.jenkins-ci.plugins:credentials (version from bom-2.541.x)
// Signatures read from jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/CredentialsMatchers.java at d96751b (1502.v5c95e620ddfe); jenkins-api-facts.md section 2.4.
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package com.cloudbees.plugins.credentials;

public class CredentialsMatchers {
    private CredentialsMatchers() {}

    public static CredentialsMatcher always() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
