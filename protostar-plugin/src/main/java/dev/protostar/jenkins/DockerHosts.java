package dev.protostar.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import dev.protostar.core.api.DockerEndpoint;
import dev.protostar.core.api.TlsMaterial;
import hudson.AbortException;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.util.Secret;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.docker.commons.credentials.DockerServerCredentials;

/** Turns a step's or the global configuration's Docker endpoint into the engine's, with TLS from the Credentials plugin. */
final class DockerHosts {
    private DockerHosts() {}

    /**
     * @param dockerHost an endpoint name from the global configuration, a URI, or null for the spec's own host
     * @return the hosts for the engine request; empty means the spec's
     */
    static List<DockerEndpoint> resolve(String dockerHost, String credentialsId, Run<?, ?> run, ProtostarGlobalConfiguration config)
            throws AbortException {
        if (dockerHost == null) {
            if (credentialsId != null) {
                throw new AbortException("credentialsId needs a dockerHost: the spec's own host is a local socket");
            }
            return List.of();
        }
        String uri = dockerHost;
        String creds = credentialsId;
        DockerHostEntry entry = config.findDockerHost(dockerHost);
        if (entry != null) {
            uri = entry.getUri();
            creds = credentialsId != null ? credentialsId : entry.getCredentialsId();
        } else if (!isUri(dockerHost)) {
            throw new AbortException("dockerHost: \"" + dockerHost + "\" is neither a Docker endpoint configured under "
                    + "Manage Jenkins > System > Protostar nor a unix:// or tcp:// URI");
        }
        List<DockerEndpoint> hosts = new ArrayList<>();
        hosts.add(creds == null ? DockerEndpoint.of(uri) : new DockerEndpoint(uri, tlsFor(creds, uri, run)));
        return hosts;
    }

    /** The build's view of the credentials: its permissions apply, and the use is recorded on the build. */
    private static TlsMaterial tlsFor(String credentialsId, String uri, Run<?, ?> run) throws AbortException {
        DockerServerCredentials c = CredentialsProvider.findCredentialById(credentialsId, DockerServerCredentials.class, run,
                URIRequirementBuilder.fromUri(uri).build());
        if (c == null) {
            throw new AbortException("credentials \"" + credentialsId + "\" for " + uri + " were not found, are not Docker server "
                    + "credentials (X.509 client certificate), or this build may not use them");
        }
        CredentialsProvider.track(run, c);
        return tls(c);
    }

    /** For "Test connection" on the global configuration page, where there is no build: system credentials only. */
    static DockerEndpoint forTest(String uri, String credentialsId) {
        if (credentialsId == null || credentialsId.isEmpty()) {
            return DockerEndpoint.of(uri);
        }
        List<DockerServerCredentials> all = CredentialsProvider.lookupCredentialsInItemGroup(DockerServerCredentials.class,
                Jenkins.get(), ACL.SYSTEM2, URIRequirementBuilder.fromUri(uri).build());
        for (DockerServerCredentials c : all) {
            if (credentialsId.equals(c.getId())) {
                return new DockerEndpoint(uri, tls(c));
            }
        }
        throw new IllegalArgumentException("no Docker server credentials with id \"" + credentialsId + "\" for " + uri);
    }

    static boolean isUri(String s) {
        return s.startsWith("unix://") || s.startsWith("tcp://");
    }

    private static TlsMaterial tls(DockerServerCredentials c) {
        return new TlsMaterial(c.getServerCaCertificate(), c.getClientCertificate(), Secret.toString(c.getClientKeySecret()));
    }
}
