// Compile-only stand-in, never packaged: org.jenkins-ci.plugins:credentials (version from bom-2.541.x)
// Signatures read from jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/SecretBytes.java at d96751b (1502.v5c95e620ddfe).
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package com.cloudbees.plugins.credentials;

import java.io.Serializable;

// Not final, as the real class; its constructors are private. For the JenkinsRule tests.
public class SecretBytes implements Serializable {
    private SecretBytes() {}

    public byte[] getPlainData() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Deprecated
    public static SecretBytes fromBytes(byte[] data) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public static SecretBytes fromRawBytes(byte[] data) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public static SecretBytes fromString(String data) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
