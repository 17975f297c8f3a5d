package dev.protostar.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import dev.protostar.core.Printable;
import dev.protostar.jenkins.bridge.BoundCredentials;
import hudson.AbortException;
import hudson.model.Run;
import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Looks up the credentials a {@code protostarDeploy} step binds, on the controller, as the build: the same lookup as the
 * credentials-binding plugin's {@code MultiBinding.getCredentials} (credentials-plugin {@code CredentialsProvider.java},
 * {@code findCredentialById}: the job's default authentication, the job's own credentials where it may use them, a
 * credentials parameter), and records the use on each ({@code track}). Everything is checked before anything is sent.
 */
final class CredentialBindings {
    private CredentialBindings() {}

    /** Finds credentials by id for the build; null when there are none it may use. */
    @FunctionalInterface
    interface Lookup {
        IdCredentials find(String id) throws IOException;
    }

    static BoundCredentials resolve(List<CredentialBinding> bindings, Run<?, ?> run) throws AbortException {
        return resolve(bindings, lookup(run));
    }

    /** Finds credentials as {@code run} may use them, and records the use on what it finds. */
    static Lookup lookup(Run<?, ?> run) {
        return id -> {
            IdCredentials c = CredentialsProvider.findCredentialById(id, IdCredentials.class, run, List.of());
            return c == null ? null : CredentialsProvider.track(run, c);
        };
    }

    static BoundCredentials resolve(List<CredentialBinding> bindings, Lookup lookup) throws AbortException {
        if (bindings == null || bindings.isEmpty()) {
            return BoundCredentials.NONE;
        }
        check(bindings);
        // not named "secret": UnsafeCallsTest reads the fields an anonymous class makes of what it captures
        Map<String, String> masked = new LinkedHashMap<>();
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, BoundCredentials.SecretFile> files = new LinkedHashMap<>();
        CredentialBinding.Values values = new CredentialBinding.Values() {
            @Override
            public void secret(String variable, String value) {
                masked.put(variable, value == null ? "" : value);
            }

            @Override
            public void plain(String variable, String value) {
                plain.put(variable, value == null ? "" : value);
            }

            @Override
            public void file(String variable, BoundCredentials.SecretFile file) {
                files.put(variable, file);
            }
        };
        for (int i = 0; i < bindings.size(); i++) {
            CredentialBinding b = bindings.get(i);
            String where = where(i, b);
            try {
                IdCredentials c = lookup.find(b.getCredentialsId());
                if (c == null) {
                    throw new AbortException(Messages.CredentialBindings_NotFound(where, Printable.of(b.getCredentialsId())));
                }
                if (!b.type().isInstance(c)) {
                    throw new AbortException(Messages.CredentialBindings_WrongType(where, Printable.of(b.getCredentialsId()),
                            b.kind()));
                }
                b.bind((StandardCredentials) c, values);
            } catch (AbortException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                // the message of a failed read names the store's problem, never a value
                throw new AbortException(Messages.CredentialBindings_Unreadable(where, Printable.of(b.getCredentialsId()), String.valueOf(e.getMessage())));
            }
        }
        return new BoundCredentials(masked, plain, files);
    }

    /** Every binding names credentials and variables that can be set, each variable once. */
    static void check(List<CredentialBinding> bindings) throws AbortException {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < bindings.size(); i++) {
            CredentialBinding b = bindings.get(i);
            if (b == null) {
                throw new AbortException(Messages.CredentialBindings_Null(i));
            }
            String where = where(i, b);
            if (b.getCredentialsId() == null) {
                throw new AbortException(Messages.CredentialBindings_NoId(where));
            }
            for (String v : b.variables()) {
                if (v == null || !BoundCredentials.VARIABLE.matcher(v).matches()) {
                    throw new AbortException(Messages.CredentialBindings_BadVariable(where, Printable.of(v == null ? "" : v)));
                }
                if (!seen.add(v)) {
                    throw new AbortException(Messages.CredentialBindings_Twice(where, v));
                }
            }
        }
    }

    private static String where(int i, CredentialBinding b) {
        return "credentials[" + i + "] (" + b.symbol() + ")";
    }
}
