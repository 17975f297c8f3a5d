// Compile-only stand-in, never packaged: org.jenkins-ci.plugins:docker-commons (version from bom-2.541.x)
// Signatures read from jenkinsci/docker-commons-plugin src/main/java/org/jenkinsci/plugins/docker/commons/credentials/DockerServerCredentials.java at ee120e2 (472.vee120e23d3a_c); jenkins-api-facts.md section 3.2.
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package org.jenkinsci.plugins.docker.commons.credentials;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.impl.BaseStandardCredentials;
import hudson.util.Secret;
import org.kohsuke.stapler.DataBoundConstructor;

public class DockerServerCredentials extends BaseStandardCredentials {
    @Deprecated
    public DockerServerCredentials(CredentialsScope scope, String id, String description, String clientKey,
                                   String clientCertificate, String serverCaCertificate) {
        super(scope, id, description);
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @DataBoundConstructor
    public DockerServerCredentials(CredentialsScope scope, String id, String description, Secret clientKeySecret,
                                   String clientCertificate, String serverCaCertificate) {
        super(scope, id, description);
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public Secret getClientKeySecret() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public String getClientCertificate() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public String getServerCaCertificate() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
