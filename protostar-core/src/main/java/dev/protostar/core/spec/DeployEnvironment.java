package dev.protostar.core.spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads what a spec takes from the deploying machine ({@link Deferred}): env files and variables of the deploying
 * process. Runs before anything on a server changes; a missing variable or an env file that cannot be read is a
 * {@link SpecException} naming the spec field and its line. Every value read here is a secret of the result.
 */
public final class DeployEnvironment {
    private DeployEnvironment() {}

    /**
     * @param variables the deploying process's environment (in Jenkins: the build's, with what withCredentials bound)
     * @return the spec with its env and build args complete; env files first, then what the spec's env names (it wins)
     */
    public static AppSpec resolve(AppSpec spec, Function<String, String> variables) {
        Deferred d = spec.deferred();
        if (d.isEmpty() && !spec.hooks().deferred()) {
            return spec;
        }
        Set<String> secrets = new LinkedHashSet<>();
        Map<String, String> env = new LinkedHashMap<>();
        for (Deferred.EnvFile file : d.envFiles()) {
            Map<String, String> read = read(d.source(), named(d.source(), file, variables));
            secrets.addAll(read.values());
            env.putAll(read);
        }
        env.putAll(spec.env());
        for (Deferred.FromEnv ref : d.env()) {
            String value = variable(d.source(), ref, variables);
            secrets.add(value);
            env.put(ref.name(), value);
        }
        Map<String, String> args = new LinkedHashMap<>(spec.build().args());
        for (Deferred.FromEnv ref : d.buildArgs()) {
            String value = variable(d.source(), ref, variables);
            secrets.add(value);
            args.put(ref.name(), value);
        }
        Hooks hooks = hooks(d.source(), spec.hooks(), variables, secrets);
        return spec.resolved(Map.copyOf(env), Map.copyOf(args), hooks, Secrets.of(secrets));
    }

    /** The hooks with each header value that comes from the deploying process's environment read. */
    private static Hooks hooks(String source, Hooks hooks, Function<String, String> variables, Set<String> secrets) {
        if (!hooks.deferred()) {
            return hooks;
        }
        java.util.List<Hooks.Hook> after = new java.util.ArrayList<>();
        for (Hooks.Hook h : hooks.afterSwitch()) {
            if (h instanceof Hooks.Call c) {
                Map<String, Hooks.Header> headers = new LinkedHashMap<>();
                c.headers().forEach((name, header) -> {
                    if (header.from() == null) {
                        headers.put(name, header);
                    } else {
                        String value = variable(source, header.from(), variables);
                        secrets.add(value);
                        if (value.chars().anyMatch(ch -> ch < 0x20 && ch != '\t' || ch == 0x7f)) {
                            throw new SpecException(source, header.from().field(), header.from().line(), header.from().column(),
                                    "the variable " + header.from().variable() + " holds a line break or another control character, "
                                    + "which an HTTP header cannot carry");
                        }
                        headers.put(name, new Hooks.Header(value, header.from()));
                    }
                });
                after.add(new Hooks.Call(c.field(), c.name(), c.url(), c.method(), headers, c.body(), c.timeout(), c.eachHost()));
            } else {
                after.add(h);
            }
        }
        return new Hooks(hooks.beforeSwitch(), after);
    }

    private static String variable(String source, Deferred.FromEnv ref, Function<String, String> variables) {
        String value = variables.apply(ref.variable());
        if (value == null) {
            throw new SpecException(source, ref.field(), ref.line(), ref.column(), "takes its value from the variable "
                    + ref.variable() + " of the deploying process's environment, which is not set (in a Jenkinsfile: bind it "
                    + "with withCredentials or environment { }; in a shell: export " + ref.variable() + "=...)");
        }
        if (value.length() > DotEnv.MAX_VALUE || value.indexOf('\0') >= 0) {
            throw new SpecException(source, ref.field(), ref.line(), ref.column(), "the variable " + ref.variable()
                    + " holds a value Docker cannot take (a NUL character, or longer than " + DotEnv.MAX_VALUE + " characters)");
        }
        return value;
    }

    /** An env file whose path a variable holds, as a file with its path; one the spec writes as it is. */
    private static Deferred.EnvFile named(String source, Deferred.EnvFile file, Function<String, String> variables) {
        if (file.variable() == null) {
            return file;
        }
        String value = variables.apply(file.variable());
        if (value == null || value.isBlank()) {
            throw new SpecException(source, file.field(), file.line(), file.column(), "takes the path of an env file from the "
                    + "variable " + file.variable() + " of the deploying process's environment, which is not set (in a "
                    + "Jenkinsfile: bind a secret file with protostarDeploy credentials: [file(credentialsId: '...', variable: '"
                    + file.variable() + "')]; in a shell: export " + file.variable() + "=/path/to/file.env)");
        }
        java.nio.file.Path path;
        try {
            path = file.path().resolve(value).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new SpecException(source, file.field(), file.line(), file.column(), "the variable " + file.variable()
                    + " does not hold a file path on this machine");
        }
        return new Deferred.EnvFile(path, "named by " + file.variable(), file.field(), file.line(), file.column());
    }

    private static Map<String, String> read(String source, Deferred.EnvFile file) {
        String where = "the env file " + file.written() + " (" + file.path() + ")";
        if (!Files.exists(file.path())) {
            throw new SpecException(source, file.field(), file.line(), file.column(), "there is no " + where.substring(4)
                    + " on the deploying machine");
        }
        if (!Files.isRegularFile(file.path())) {
            throw new SpecException(source, file.field(), file.line(), file.column(), where + " is not a regular file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file.path())) {
            bytes = in.readNBytes(DotEnv.MAX_BYTES + 1);
        } catch (IOException e) {
            throw new SpecException(source, file.field(), file.line(), file.column(), "cannot read " + where + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        try {
            return DotEnv.parse(bytes);
        } catch (DotEnv.Problem p) {
            throw new SpecException(source, file.field(), file.line(), file.column(), where
                    + (p.line > 0 ? ", line " + p.line : "") + ": " + p.getMessage());
        }
    }
}
