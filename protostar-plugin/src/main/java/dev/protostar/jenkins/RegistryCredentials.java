package dev.protostar.jenkins;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import dev.protostar.core.Printable;
import dev.protostar.core.docker.RegistryAuth;
import dev.protostar.jenkins.bridge.BoundCredentials;
import hudson.AbortException;
import hudson.model.Run;
import hudson.util.Secret;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code protostarDeploy registryCredentialsId: 'registry'}: a username with password (or token) that every host of the
 * app pulls (and {@code build.push} pushes) the spec's registry image with. docker-commons' {@code DockerRegistryEndpoint}
 * takes a registry URL and a credentials id and turns the credentials into a token for that registry
 * (docker-commons-plugin {@code credentials/DockerRegistryEndpoint.java}, {@code getToken}); here the image names its
 * registry, so only the id is given, and the credentials become the engine's {@link RegistryAuth#USERNAME} and
 * {@link RegistryAuth#PASSWORD}, which win over the Docker config's {@code auths}. Looked up and tracked as the step's
 * {@code credentials:} bindings are ({@link CredentialBindings}), so their values travel, and are masked, as those do.
 */
final class RegistryCredentials {
    static final String FIELD = "registryCredentialsId";

    private RegistryCredentials() {}

    /** Before anything is looked up: the registry's variables are not also bound by {@code credentials:}. */
    static void check(String id, List<CredentialBinding> bindings) throws AbortException {
        if (id == null || bindings == null) {
            return;
        }
        for (int i = 0; i < bindings.size(); i++) {
            CredentialBinding b = bindings.get(i);
            if (b == null) {
                continue; // CredentialBindings.check names it
            }
            for (String v : b.variables()) {
                if (RegistryAuth.USERNAME.equals(v) || RegistryAuth.PASSWORD.equals(v)) {
                    throw new AbortException(Messages.RegistryCredentials_BoundTwice(FIELD, "credentials[" + i + "] (" + b.symbol() + ")", v));
                }
            }
        }
    }

    static BoundCredentials resolve(String id, Run<?, ?> run) throws AbortException {
        return resolve(id, CredentialBindings.lookup(run));
    }

    /** The registry's variables for the engine; {@link BoundCredentials#NONE} without an id. */
    static BoundCredentials resolve(String id, CredentialBindings.Lookup lookup) throws AbortException {
        if (id == null) {
            return BoundCredentials.NONE;
        }
        IdCredentials found;
        try {
            found = lookup.find(id);
        } catch (IOException | RuntimeException e) {
            // the message of a failed read names the store's problem, never a value
            throw new AbortException(Messages.RegistryCredentials_Unreadable(FIELD, Printable.of(id), String.valueOf(e.getMessage())));
        }
        if (found == null) {
            throw new AbortException(Messages.RegistryCredentials_NotFound(FIELD, Printable.of(id)));
        }
        if (!(found instanceof StandardUsernamePasswordCredentials up)) {
            throw new AbortException(Messages.RegistryCredentials_WrongType(FIELD, Printable.of(id)));
        }
        return values(id, up.getUsername(), Secret.toString(up.getPassword()), up.isUsernameSecret());
    }

    /**
     * The engine's variables for a username and password: the password is secret, the username only where the
     * credentials mark it so ({@code isUsernameSecret}), as for the {@code usernamePassword} binding.
     */
    static BoundCredentials values(String id, String username, String password, boolean usernameSecret) throws AbortException {
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            throw new AbortException(Messages.RegistryCredentials_Incomplete(FIELD, Printable.of(id)));
        }
        Map<String, String> secret = new HashMap<>();
        Map<String, String> plain = new HashMap<>();
        (usernameSecret ? secret : plain).put(RegistryAuth.USERNAME, username);
        secret.put(RegistryAuth.PASSWORD, password);
        return new BoundCredentials(secret, plain, Map.of());
    }
}
