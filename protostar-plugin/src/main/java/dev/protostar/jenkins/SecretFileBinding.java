package dev.protostar.jenkins;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import dev.protostar.jenkins.bridge.BoundCredentials;
import hudson.Extension;
import hudson.Util;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.List;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code file(credentialsId: 'nest-env', variable: 'NEST_ENV')}: a secret file, written where the engine runs for as
 * long as the deploy runs; the variable holds its path, for the spec's {@code envFile: { fromEnv: NEST_ENV }}.
 */
public final class SecretFileBinding extends CredentialBinding {
    /** Above what the engine reads as an env file (256 KiB; it names a larger one itself): a bound upon what is sent. */
    static final int MAX_BYTES = 1024 * 1024;

    private final String variable;

    @DataBoundConstructor
    public SecretFileBinding(String variable, String credentialsId) {
        super(credentialsId);
        this.variable = Util.fixEmptyAndTrim(variable);
    }

    public String getVariable() {
        return variable;
    }

    @Override
    List<String> variables() {
        return Collections.singletonList(variable);
    }

    @Override
    Class<? extends StandardCredentials> type() {
        return FileCredentials.class;
    }

    @Override
    String kind() {
        return Messages.SecretFileBinding_DisplayName();
    }

    @Override
    String symbol() {
        return "file";
    }

    @Override
    void bind(StandardCredentials c, Values into) throws IOException {
        FileCredentials f = (FileCredentials) c;
        byte[] content;
        try (InputStream in = f.getContent()) {
            content = in.readNBytes(MAX_BYTES + 1);
        }
        if (content.length > MAX_BYTES) {
            throw new IOException(Messages.SecretFileBinding_TooLarge(MAX_BYTES / (1024 * 1024)));
        }
        into.file(variable, new BoundCredentials.SecretFile(f.getFileName(), content));
    }

    @Extension
    @Symbol("file")
    public static final class DescriptorImpl extends DescriptorBase {
        @Override
        protected Class<? extends StandardCredentials> type() {
            return FileCredentials.class;
        }

        @Override
        public String getDisplayName() {
            return Messages.SecretFileBinding_DisplayName();
        }
    }
}
