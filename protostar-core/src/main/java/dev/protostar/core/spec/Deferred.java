package dev.protostar.core.spec;

import java.nio.file.Path;
import java.util.List;

/**
 * What a spec takes from the machine that deploys rather than from git: env values and build args read from
 * the deploying process's environment ({@code {fromEnv: NAME}}, what Jenkins' withCredentials fills) and env
 * files on that machine ({@code envFile}). Read just before a deploy by {@link DeployEnvironment}, so a command
 * that starts no container (status, history, verify) needs none of it.
 *
 * @param source the spec's name, for messages
 * @param env container env entries whose value is a variable of the deploying process
 * @param buildArgs build args whose value is a variable of the deploying process
 * @param envFiles dotenv files on the deploying machine, in the order they are read (a later one wins)
 */
public record Deferred(String source, List<FromEnv> env, List<FromEnv> buildArgs, List<EnvFile> envFiles) {
    public static final Deferred NONE = new Deferred("spec", List.of(), List.of(), List.of());

    public Deferred {
        env = List.copyOf(env);
        buildArgs = List.copyOf(buildArgs);
        envFiles = List.copyOf(envFiles);
    }

    /** {@code name} takes the value of the deploying process's variable {@code variable}; field, line and column say where. */
    public record FromEnv(String name, String variable, String field, int line, int column) {}

    /**
     * @param path the file; for one named by a variable, the directory a relative path starts from
     * @param written the path as the spec writes it, or the variable's name, for messages
     * @param variable the variable of the deploying process's environment that holds the path ({@code {fromEnv: NAME}},
     *     what a Jenkins secret-file binding fills), or null when the spec writes the path
     */
    public record EnvFile(Path path, String written, String field, int line, int column, String variable) {
        public EnvFile(Path path, String written, String field, int line, int column) {
            this(path, written, field, line, column, null);
        }
    }

    public boolean isEmpty() {
        return env.isEmpty() && buildArgs.isEmpty() && envFiles.isEmpty();
    }
}
