package dev.protostar.core.spec;

import dev.protostar.core.Printable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads {@code env}, {@code build.args} and {@code envFile}: a value is written in the spec, or taken by name from
 * the deploying process's environment ({@code NAME: {fromEnv: VARIABLE}}); env files are dotenv files on the
 * deploying machine. What comes from the deploying machine is only named here; {@link DeployEnvironment} reads it.
 */
final class EnvFields {
    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    static final String NAME_WORDS = "letters, digits and '_', not starting with a digit";
    private static final Pattern VALUE = Pattern.compile("[^\\x00-\\x08\\x0b-\\x1f\\x7f]{0,4096}");
    private static final String VALUE_WORDS = "no control characters, at most 4096 characters";
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9._/-]{1,1000}");
    private static final int MAX_FILES = 20;

    private EnvFields() {}

    /** The values written in the spec, and the names taken from the deploying process's environment. */
    record Values(Map<String, String> written, List<Deferred.FromEnv> fromEnv) {}

    static Values read(SpecNode parent, String key) {
        SpecNode map = parent.child(key);
        Map<String, String> written = new LinkedHashMap<>();
        List<Deferred.FromEnv> fromEnv = new ArrayList<>();
        if (map == null) {
            return new Values(written, fromEnv);
        }
        for (String name : map.keys()) {
            if (!NAME.matcher(name).matches()) {
                throw map.keyError(name, "\"" + Printable.of(name) + "\" is not allowed as a name: " + NAME_WORDS);
            }
            if (map.isMapping(name)) {
                SpecNode ref = map.child(name);
                if (!ref.listed("fromEnv")) {
                    ref.rejectUnknown(); // a misspelt fromEnv is named as such
                }
                String variable = ref.required("fromEnv", NAME, "the name of a variable of the deploying process's environment ("
                        + NAME_WORDS + ")");
                ref.rejectUnknown();
                fromEnv.add(new Deferred.FromEnv(name, variable, ref.path(), map.lineOf(name), map.columnOf(name)));
            } else {
                String v = map.string(name, "", null, null);
                if (!VALUE.matcher(v).matches()) {
                    // Values may be secrets: the error names the key, never echoes the value.
                    throw map.invalid(name, "the value is not allowed: " + VALUE_WORDS);
                }
                written.put(name, v);
            }
        }
        map.rejectUnknown();
        return new Values(written, fromEnv);
    }

    /**
     * {@code envFile}: one path or a list, each relative to {@code baseDir} unless absolute, or {@code {fromEnv: VARIABLE}}
     * where a variable of the deploying process's environment holds the path (a Jenkins secret file).
     */
    static List<Deferred.EnvFile> files(SpecNode root, Path baseDir) {
        List<SpecNode.Entry> entries = root.valuesOrMappings("envFile");
        if (entries.size() > MAX_FILES) {
            throw entries.get(MAX_FILES).at().error(root.source(), "at most " + MAX_FILES + " env files");
        }
        List<Deferred.EnvFile> files = new ArrayList<>();
        for (SpecNode.Entry e : entries) {
            if (e.mapping() != null) {
                SpecNode ref = e.mapping();
                if (!ref.listed("fromEnv")) {
                    ref.rejectUnknown(); // a misspelt fromEnv is named as such
                }
                String variable = ref.required("fromEnv", NAME, "the name of a variable of the deploying process's environment "
                        + "that holds the env file's path (" + NAME_WORDS + ")");
                ref.rejectUnknown();
                SpecNode.Item at = e.at();
                files.add(new Deferred.EnvFile(baseDir, variable, at.field(), at.line(), at.column(), variable));
                continue;
            }
            SpecNode.Item i = e.at();
            if (!FILE.matcher(i.value()).matches()) {
                throw i.error(root.source(), "\"" + Printable.of(i.value())
                        + "\" is not allowed: a file path on the deploying machine (letters, digits, '.', '_', '/', '-')");
            }
            files.add(new Deferred.EnvFile(baseDir.resolve(i.value()).normalize(), i.value(), i.field(), i.line(), i.column()));
        }
        return List.copyOf(files);
    }
}
