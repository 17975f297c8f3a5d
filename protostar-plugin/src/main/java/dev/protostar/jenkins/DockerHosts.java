package dev.protostar.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import dev.protostar.core.api.DockerEndpoint;
import dev.protostar.jenkins.bridge.Endpoint;
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
    static List<Endpoint> resolve(String dockerHost, String credentialsId, Run<?, ?> run, ProtostarGlobalConfiguration config)
            throws AbortException {
        if (dockerHost == null) {
            if (credentialsId != null) {
                throw new AbortException(Messages.DockerHosts_CredentialsNeedAHost());
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
            throw new AbortException(Messages.DockerHosts_UnknownHost(dockerHost));
        }
        List<Endpoint> hosts = new ArrayList<>();
        hosts.add(creds == null ? Endpoint.of(uri) : tlsFor(creds, uri, run));
        return hosts;
    }

    /** The build's view of the credentials: its permissions apply, and the use is recorded on the build. */
    private static Endpoint tlsFor(String credentialsId, String uri, Run<?, ?> run) throws AbortException {
        DockerServerCredentials c = CredentialsProvider.findCredentialById(credentialsId, DockerServerCredentials.class, run,
                URIRequirementBuilder.fromUri(uri).build());
        if (c == null) {
            throw new AbortException(Messages.DockerHosts_CredentialsNotFound(credentialsId, uri));
        }
        CredentialsProvider.track(run, c);
        return endpoint(uri, c);
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
                return endpoint(uri, c).toEngine();
            }
        }
        throw new IllegalArgumentException(Messages.DockerHosts_NoSuchCredentials(credentialsId, uri));
    }

    static boolean isUri(String s) {
        return s.startsWith("unix://") || s.startsWith("tcp://");
    }

    private static Endpoint endpoint(String uri, DockerServerCredentials c) {
        return new Endpoint(uri, c.getServerCaCertificate(), c.getClientCertificate(), Secret.toString(c.getClientKeySecret()));
    }
}
