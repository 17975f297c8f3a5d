// Compile-only stand-in, never packaged: org.jenkins-ci.plugins:credentials (version from bom-2.541.x)
// Signatures read from jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/impl/BaseStandardCredentials.java at d96751b (1502.v5c95e620ddfe); jenkins-api-facts.md section 2.4.
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package com.cloudbees.plugins.credentials.impl;

import com.cloudbees.plugins.credentials.BaseCredentials;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCredentials;

public abstract class BaseStandardCredentials extends BaseCredentials implements StandardCredentials {
    public BaseStandardCredentials(String id, String description) {}

    public BaseStandardCredentials(CredentialsScope scope, String id, String description) {
        super(scope);
    }

    @Override
    public String getId() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public String getDescription() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
