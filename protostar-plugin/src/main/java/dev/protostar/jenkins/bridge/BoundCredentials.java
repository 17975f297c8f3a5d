package dev.protostar.jenkins.bridge;

import dev.protostar.core.spec.Secrets;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The values of the Jenkins credentials a {@code protostarDeploy} step binds (its {@code credentials} parameter), looked
 * up on the controller and sent with the call to where the engine runs. There they join the step's environment, where
 * the spec's {@code fromEnv} values are read. A secret file is written there, into a directory of its own in the
 * workspace's temporary directory that only its owner can read, for as long as the engine runs; its variable holds the
 * file's path (as the credentials-binding plugin's {@code file} binding does: {@code AbstractOnDiskBinding.java},
 * {@code UnbindableDir.java}).
 *
 * <p>Never persisted (the step's execution keeps only which credentials to bind), never shown: {@link #toString()}
 * names the variables only, and {@link #secrets()} masks every secret value in what comes back.
 *
 * @param secretValues secret values by variable: secret text, a password, a username the credentials mark secret
 * @param publicValues values that are not secret by variable: a username the credentials do not mark secret (as
 *     credentials-binding's {@code UsernamePasswordMultiBinding.java} treats it)
 * @param files secret files by variable
 */
public record BoundCredentials(Map<String, String> secretValues, Map<String, String> publicValues, Map<String, SecretFile> files)
        implements Serializable {
    public static final BoundCredentials NONE = new BoundCredentials(Map.of(), Map.of(), Map.of());
    /** A variable's name, as the spec's {@code fromEnv} takes it. */
    public static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern SAFE_FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    public BoundCredentials {
        secretValues = Map.copyOf(secretValues);
        publicValues = Map.copyOf(publicValues);
        files = Map.copyOf(files);
    }

    /**
     * A secret file's content.
     *
     * @param name the file name the credentials give (kept where it is a plain name, so that an error names it)
     */
    public record SecretFile(String name, byte[] content) implements Serializable {
        public SecretFile {
            content = content.clone();
        }

        @Override
        public String toString() {
            return "SecretFile[" + name + ", " + content.length + " bytes]";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SecretFile f && f.name.equals(name) && Arrays.equals(f.content, content);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(content);
        }

        String fileName() {
            return name != null && SAFE_FILE_NAME.matcher(name).matches() ? name : "secret";
        }
    }

    /** These and {@code more}, which binds none of the same variables. */
    public BoundCredentials and(BoundCredentials more) {
        if (more.isEmpty()) {
            return this;
        }
        Set<String> shared = new java.util.TreeSet<>(variables());
        shared.retainAll(more.variables());
        if (!shared.isEmpty()) {
            throw new IllegalArgumentException("bound twice: " + shared);
        }
        Map<String, String> secret = new LinkedHashMap<>(secretValues);
        secret.putAll(more.secretValues);
        Map<String, String> plain = new LinkedHashMap<>(publicValues);
        plain.putAll(more.publicValues);
        Map<String, SecretFile> all = new LinkedHashMap<>(files);
        all.putAll(more.files);
        return new BoundCredentials(secret, plain, all);
    }

    public boolean isEmpty() {
        return secretValues.isEmpty() && publicValues.isEmpty() && files.isEmpty();
    }

    /** Every variable bound, sorted. */
    public Set<String> variables() {
        Set<String> all = new java.util.TreeSet<>(secretValues.keySet());
        all.addAll(publicValues.keySet());
        all.addAll(files.keySet());
        return all;
    }

    /** What must never be shown: the secret values, and each secret file's text (also line by line). */
    public Secrets secrets() {
        Set<String> values = new LinkedHashSet<>(secretValues.values());
        for (SecretFile f : files.values()) {
            values.add(new String(f.content(), StandardCharsets.UTF_8));
        }
        return Secrets.of(values);
    }

    /**
     * Writes the secret files into a new directory under {@code tempDir}, readable by its owner only where the file
     * system has POSIX permissions; {@link Written#close()} removes it.
     */
    public Written write(Path tempDir) throws IOException {
        if (files.isEmpty()) {
            return new Written(null, Map.of());
        }
        Files.createDirectories(tempDir);
        // Files.createTempDirectory gives a directory of its own, rwx------ on POSIX (parallel branches share tempDir).
        Path dir = Files.createTempDirectory(tempDir, "protostar-secrets-");
        Written written = new Written(dir, new LinkedHashMap<>());
        try {
            for (Map.Entry<String, SecretFile> e : files.entrySet()) {
                Path f = Files.createDirectory(dir.resolve(e.getKey())).resolve(e.getValue().fileName());
                if (posix()) {
                    Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                }
                Files.write(f, e.getValue().content());
                if (posix()) {
                    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("r--------"));
                }
                written.paths.put(e.getKey(), f.toString());
            }
        } catch (IOException | RuntimeException e) {
            written.close();
            throw e;
        }
        return written;
    }

    /**
     * The step's environment with every bound variable: the credentials' values win over the step's own.
     *
     * @param filePaths where {@link #write} put each secret file
     */
    public static Map<String, String> environment(Map<String, String> stepEnvironment, BoundCredentials bound,
                                                  Map<String, String> filePaths) {
        Map<String, String> env = new LinkedHashMap<>(stepEnvironment);
        env.putAll(bound.publicValues());
        env.putAll(bound.secretValues());
        env.putAll(filePaths);
        return env;
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /**
     * The secret files as written, until closed.
     *
     * @param paths the path of each variable's file
     */
    public record Written(Path dir, Map<String, String> paths) implements AutoCloseable {
        /** Removes the directory and the files in it; what cannot be removed goes with the workspace's clean-up. */
        @Override
        public void close() {
            if (dir == null) {
                return;
            }
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException ignored) {
                // a file already gone, or a directory another process holds open (Windows)
            }
        }
    }

    @Override
    public String toString() {
        // the values are secrets: never shown
        return "BoundCredentials" + variables();
    }
}
