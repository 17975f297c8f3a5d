package dev.protostar.core.docker;

import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.core.DockerConfigFile;
import dev.protostar.core.spec.ImageReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.function.Function;

/**
 * The credentials a pull or a push sends to a registry, as the Docker CLI finds them: the {@code auths} entry for the
 * registry in {@code $DOCKER_CONFIG/config.json} (default {@code ~/.docker/config.json}, what {@code docker login}
 * writes), unless {@link #USERNAME} and {@link #PASSWORD} are set (what a Jenkins {@code withCredentials} binds).
 * Credential helpers ({@code credsStore}, {@code credHelpers}) are not run. Never shown: {@link #toString} names only
 * the registry and the user.
 */
public final class RegistryAuth {
    public static final String USERNAME = "PROTOSTAR_REGISTRY_USERNAME";
    public static final String PASSWORD = "PROTOSTAR_REGISTRY_PASSWORD";
    /** No credentials: the registry must allow anonymous pulls. */
    public static final RegistryAuth NONE = new RegistryAuth(null, null, null, "no credentials");

    private final String registry;
    private final String username;
    private final String password;
    private final String source;

    private RegistryAuth(String registry, String username, String password, String source) {
        this.registry = registry;
        this.username = username;
        this.password = password;
        this.source = source;
    }

    /** The credentials for {@code image}'s registry from the deploying machine; {@code env} reads its environment. */
    public static RegistryAuth forImage(ImageReference image, Function<String, String> env) {
        String user = env.apply(USERNAME);
        String pass = env.apply(PASSWORD);
        if (user != null && !user.isEmpty() && pass != null) {
            return new RegistryAuth(image.authKey(), user, pass, USERNAME + "/" + PASSWORD);
        }
        Path dir = configDir(env);
        Path file = dir.resolve("config.json");
        if (!Files.isRegularFile(file)) {
            return NONE;
        }
        DockerConfigFile config;
        try {
            config = DockerConfigFile.loadConfig(dir.toString());
        } catch (java.io.IOException | RuntimeException e) {
            throw new DockerException("cannot read the registry credentials in " + file + ": " + e.getClass().getSimpleName()
                    + " (is it the JSON docker login writes?)", null);
        }
        AuthConfig found = config.getAuths() == null ? null : config.getAuths().get(image.authKey());
        if (found == null && image.registry() != null) {
            found = config.getAuths().get("https://" + image.registry());
        }
        if (found == null) {
            return NONE;
        }
        String u = found.getUsername();
        String p = found.getPassword();
        if ((u == null || p == null) && found.getAuth() != null) {
            String plain = new String(Base64.getDecoder().decode(found.getAuth().strip()), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            if (colon > 0) {
                u = plain.substring(0, colon);
                p = plain.substring(colon + 1);
            }
        }
        if (found.getIdentitytoken() != null && p == null) {
            return new RegistryAuth(image.authKey(), null, found.getIdentitytoken(), file + " (identity token)");
        }
        return u == null || p == null ? NONE : new RegistryAuth(image.authKey(), u, p, file.toString());
    }

    private static Path configDir(Function<String, String> env) {
        String dir = env.apply("DOCKER_CONFIG");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        String home = env.apply("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".docker");
    }

    /** What docker-java sends as the X-Registry-Auth header, or null for an anonymous pull. */
    AuthConfig config() {
        if (password == null) {
            return null;
        }
        AuthConfig c = new AuthConfig().withRegistryAddress(registry);
        return username == null ? c.withIdentityToken(password) : c.withUsername(username).withPassword(password);
    }

    /** The password or token, for the masking of every text that is shown or kept. */
    public String secret() {
        return password;
    }

    @Override
    public String toString() {
        return password == null ? source : (username == null ? "a token" : "user " + username) + " for " + registry + " (from " + source + ")";
    }
}
