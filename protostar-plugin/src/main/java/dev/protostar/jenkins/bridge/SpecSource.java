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
 * <p>When the global configuration adds anything, the effective spec is written to a new file in the
 * workspace's temporary directory, never into the workspace: the workspace is the Docker build
 * context, where {@code COPY . .} would bake it into the image. The engine is told where the spec's
 * relative paths (build context, TLS files, include and state directories) start: the user's spec's
 * directory, or the workspace root for a shared spec. The temporary directory is core's
 * {@code WorkspaceList.tempDir(workspace)}, the {@code @tmp} sibling of the workspace (jenkins-core
 * {@code hudson/slaves/WorkspaceList.java}: "suitable for temporary files", "each plugin using this
 * directory is responsible for specifying sufficiently unique subdirectory/file names"); the controller
 * names it and the agent creates it if missing.
 *
 * @param path the spec file, relative to the workspace
 * @param sharedName the shared spec's name, or null
 * @param sharedYaml the shared spec's text, or null to read {@code path}
 */
public record SpecSource(String path, String sharedName, String sharedYaml, String routerDefaults, String healthDefaults)
        implements Serializable {
    public static final String DEFAULT_PATH = "protostar.yml";
    static final String TEMP_PREFIX = "protostar-";
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
            throw new IllegalArgumentException(Messages.SpecSource_BadPath(problem));
        }
        return workspace.resolve(path).normalize();
    }

    /** Why a spec path is not usable, or null. Also used by the step forms. */
    public static String pathProblem(String path) {
        if (path == null || path.isBlank()) {
            return null;
        }
        if (path.length() > 4096 || path.indexOf('\0') >= 0) {
            return Messages.SpecSource_NotAPath();
        }
        Path p;
        try {
            p = Path.of(path.strip());
        } catch (java.nio.file.InvalidPathException e) {
            return Messages.SpecSource_NotAPathHere();
        }
        if (p.isAbsolute() || path.startsWith("/") || path.startsWith("\\")) {
            return Messages.SpecSource_NotRelative(Printable.of(path.strip()));
        }
        if (p.normalize().startsWith("..")) {
            return Messages.SpecSource_Outside(Printable.of(path.strip()));
        }
        return null;
    }

    /**
     * The spec file the engine reads and where its relative paths start from. A temporary spec lives in the
     * workspace's temporary directory; the workspace's own spec is used where it is.
     *
     * @param baseDir where the spec's relative paths start from, or null for the file's own directory
     * @param temporary whether {@link #prepare} wrote the file (and {@link #cleanUp} removes it)
     */
    public record Prepared(Path file, Path baseDir, boolean temporary) {
        /** The engine's {@code baseDir} argument. */
        public String base() {
            return baseDir == null ? null : baseDir.toString();
        }

        /** The text of a file {@link #prepare} wrote, or "" for the workspace's own spec, which needs no rewording. */
        public String text() throws IOException {
            return temporary ? Files.readString(file, StandardCharsets.UTF_8) : "";
        }

        /** Removes what {@link #prepare} wrote, never the workspace's own spec. */
        public void cleanUp() {
            if (temporary) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // the temporary directory goes with the workspace's clean-up
                }
            }
        }
    }

    /**
     * Writes the effective spec into {@code tempDir} if the global configuration adds to it, and returns the file
     * the engine should read: the workspace file itself when nothing is added. Nothing is written into the workspace.
     *
     * @param tempDir the workspace's temporary directory, outside the workspace; created if missing
     */
    public Prepared prepare(Path workspace, Path tempDir) throws IOException {
        Path file = locate(workspace);
        if (sharedYaml != null) {
            // A shared spec stands for one at the workspace root, as it did when it was written there.
            String text = SpecDefaults.apply(sharedYaml, routerDefaults, healthDefaults);
            return new Prepared(write(tempDir, "shared-", safe(sharedName) + ".yml", text), workspace, true);
        }
        if (!Files.isRegularFile(file) || Files.size(file) > MAX_SPEC) {
            return new Prepared(file, null, false); // the engine says there is none, or that it is too large, and where it looked
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String effective = SpecDefaults.apply(text, routerDefaults, healthDefaults);
        if (effective.equals(text)) {
            return new Prepared(file, null, false);
        }
        Path name = file.getFileName();
        return new Prepared(write(tempDir, "effective-", safe(name == null ? null : name.toString()), effective), file.getParent(), true);
    }

    /** A new file of its own (parallel branches share the temporary directory), readable by its owner only where POSIX. */
    private static Path write(Path tempDir, String kind, String name, String text) throws IOException {
        Files.createDirectories(tempDir);
        Path f = Files.createTempFile(tempDir, TEMP_PREFIX + kind, "-" + name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    /**
     * Turns the engine's references to a file {@link #prepare} wrote into what the user knows: the spec's own
     * name and line, the shared spec's name, or the global default and its line.
     */
    public UnaryOperator<String> readable(Prepared prepared) throws IOException {
        Path fileName = prepared.file().getFileName();
        if (!prepared.temporary() || fileName == null) {
            return UnaryOperator.identity();
        }
        String effective = prepared.text();
        String temp = fileName.toString();
        String full = prepared.file().toString();
        String own = sharedYaml != null ? Messages.SpecSource_SharedSpec(sharedName) : path;
        Map<String, String> defaults = new HashMap<>();
        if (routerDefaults != null) {
            defaults.put("router", routerDefaults);
        }
        if (healthDefaults != null) {
            defaults.put("health", healthDefaults);
        }
        Pattern at = Pattern.compile("(?:" + Pattern.quote(full) + "|" + Pattern.quote(temp) + ")(?::(\\d+):(\\d+))?");
        return text -> {
            if (text == null || !text.contains(temp)) {
                return text;
            }
            Matcher m = at.matcher(text);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String replacement = own;
                if (m.group(1) != null) {
                    int line = Integer.parseInt(m.group(1));
                    int column = Integer.parseInt(m.group(2));
                    String origin = SpecDefaults.origin(effective, line, column, defaults);
                    replacement = origin != null ? origin : own + ":" + line + ":" + column;
                }
                m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(sb);
            return sb.toString();
        };
    }

    /** Whether the engine has read the spec: it reads it once, in the spec phase, before anything else. */
    public static boolean isRead(Event e) {
        return e.phase() == Phase.SPEC && (e.kind() == Event.Kind.FINISHED || e.kind() == Event.Kind.FAILED);
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

    private static String safe(String name) {
        return name != null && SAFE_NAME.matcher(name).matches() ? name : "spec";
    }
}
