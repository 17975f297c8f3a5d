// Compile-only stand-in for the JenkinsRule tests, never packaged: org.jenkins-ci.plugins:credentials (version from bom-2.541.x)
// Signatures read from jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/CredentialsScope.java at d96751b.
// Declares only what protostar-plugin's tests use; supertypes left out are named in a comment.
package com.cloudbees.plugins.credentials;

import java.io.Serializable;

public enum CredentialsScope implements Serializable {
    SYSTEM, GLOBAL, USER
}
