package dev.protostar.jenkins.bridge;

import dev.protostar.core.Printable;
import dev.protostar.core.api.Event;
import dev.protostar.core.api.Phase;
import dev.protostar.core.spec.Arguments;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a step's spec comes from: a file in the workspace, or a spec shared in the global
 * configuration, plus the global router and health defaults for sections the spec leaves out.
 *
 * <p>The engine reads a spec from a file and resolves the build context against that file's
 * directory. So when the global configuration adds anything, the effective spec is written next to
 * where the spec is meant to live, under a name starting with {@code .protostar-}, and removed as soon
 * as the engine has read it: at the end of the spec phase, before the build sends the workspace to
 * Docker as its context (where {@code COPY . .} would bake it into the image). A directory outside the
 * workspace ({@code WorkspaceList.tempDir}) needs the engine to take the base directory for relative
 * paths apart from the spec file.
 *
 * @param path the spec file, relative to the workspace
 * @param sharedName the shared spec's name, or null
 * @param sharedYaml the shared spec's text, or null to read {@code path}
 */
public record SpecSource(String path, String sharedName, String sharedYaml, String routerDefaults, String healthDefaults)
        implements Serializable {
    public static final String DEFAULT_PATH = "protostar.yml";
    static final String TEMP_PREFIX = ".protostar-";
    /** As the engine's limit: a larger spec is left to the engine to refuse, and never read whole here. */
    private static final long MAX_SPEC = 256 * 1024;
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    public SpecSource {
        path = path == null || path.isBlank() ? DEFAULT_PATH : path.strip();
    }

    /** The spec file inside the workspace; the path may not leave it. */
    public Path locate(Path workspace) {
        String problem = pathProblem(path);
        if (problem != null) {
            throw new IllegalArgumentException("spec: " + problem);
        }
        return workspace.resolve(path).normalize();
    }

    /** Why a spec path is not usable, or null. Also used by the step forms. */
    public static String pathProblem(String path) {
        if (path == null || path.isBlank()) {
            return null;
        }
        if (path.length() > 4096 || path.indexOf('\0') >= 0) {
            return "is not a file path (a NUL character, or longer than 4096)";
        }
        Path p;
        try {
            p = Path.of(path.strip());
        } catch (java.nio.file.InvalidPathException e) {
            return "is not a file path on this machine";
        }
        if (p.isAbsolute() || path.startsWith("/") || path.startsWith("\\")) {
            return "must be relative to the workspace, got \"" + Printable.of(path.strip()) + "\"";
        }
        if (p.normalize().startsWith("..")) {
            return "must stay inside the workspace, got \"" + Printable.of(path.strip()) + "\"";
        }
        return null;
    }

    /**
     * Writes the effective spec if the global configuration adds to it, and returns the file the
     * engine should read: the workspace file itself when nothing is added.
     */
    public Path prepare(Path workspace) throws IOException {
        Path file = locate(workspace);
        if (sharedYaml != null) {
            Path shared = workspace.resolve(TEMP_PREFIX + "shared-" + safe(sharedName) + ".yml");
            Files.writeString(shared, SpecDefaults.apply(sharedYaml, routerDefaults, healthDefaults), StandardCharsets.UTF_8);
            return shared;
        }
        if (!Files.isRegularFile(file) || Files.size(file) > MAX_SPEC) {
            return file; // the engine says there is none, or that it is too large, and where it looked
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String effective = SpecDefaults.apply(text, routerDefaults, healthDefaults);
        if (effective.equals(text)) {
            return file;
        }
        Path name = file.getFileName();
        Path withDefaults = file.resolveSibling(TEMP_PREFIX + "effective-" + safe(name == null ? null : name.toString()));
        Files.writeString(withDefaults, effective, StandardCharsets.UTF_8);
        return withDefaults;
    }

    /**
     * Turns the engine's references to a file {@link #prepare} wrote into what the user knows: the spec's own
     * name and line, the shared spec's name, or the global default and its line.
     *
     * @param effective the prepared file's text
     */
    public UnaryOperator<String> readable(Path prepared, String effective) {
        Path fileName = prepared.getFileName();
        if (fileName == null || !fileName.toString().startsWith(TEMP_PREFIX)) {
            return UnaryOperator.identity();
        }
        String temp = fileName.toString();
        String own = sharedYaml != null ? "shared spec " + sharedName : path;
        Map<String, String> defaults = new HashMap<>();
        if (routerDefaults != null) {
            defaults.put("router", routerDefaults);
        }
        if (healthDefaults != null) {
            defaults.put("health", healthDefaults);
        }
        Pattern at = Pattern.compile(Pattern.quote(temp) + ":(\\d+):(\\d+)");
        return text -> {
            if (text == null || !text.contains(temp)) {
                return text;
            }
            Matcher m = at.matcher(text);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                int line = Integer.parseInt(m.group(1));
                int column = Integer.parseInt(m.group(2));
                String origin = SpecDefaults.origin(effective, line, column, defaults);
                m.appendReplacement(sb, Matcher.quoteReplacement(origin != null ? origin : own + ":" + line + ":" + column));
            }
            m.appendTail(sb);
            return sb.toString().replace(temp, own);
        };
    }

    /** Whether the engine has read the spec: it reads it once, in the spec phase, before anything else. */
    public static boolean isRead(Event e) {
        return e.phase() == Phase.SPEC && (e.kind() == Event.Kind.FINISHED || e.kind() == Event.Kind.FAILED);
    }

    /** The text of a file {@link #prepare} wrote, or "" for the workspace's own spec, which needs no rewording. */
    public static String textOf(Path prepared) throws IOException {
        Path name = prepared.getFileName();
        return name != null && name.toString().startsWith(TEMP_PREFIX) ? Files.readString(prepared, StandardCharsets.UTF_8) : "";
    }

    /** The app the spec names, for the log lines; null when the file is missing, too large or has none. */
    public static String appOf(Path prepared) {
        try {
            return Files.isRegularFile(prepared) && Files.size(prepared) <= MAX_SPEC
                    ? SpecDefaults.appOf(Files.readString(prepared, StandardCharsets.UTF_8)) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Removes what {@link #prepare} wrote, never the workspace's own spec. */
    public static void cleanUp(Path prepared) {
        Path name = prepared.getFileName();
        if (name != null && name.toString().startsWith(TEMP_PREFIX)) {
            try {
                Files.deleteIfExists(prepared);
            } catch (IOException ignored) {
                // a leftover is overwritten next time and holds no secret
            }
        }
    }

    private static String safe(String name) {
        return name != null && SAFE_NAME.matcher(name).matches() ? name : "spec";
    }
}
