package dev.protostar.core.router;

import dev.protostar.core.spec.AppSpec;
import dev.protostar.core.files.AtomicFile;
import dev.protostar.core.files.FileGuard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * nginx on the same host: the include file lives in a directory nginx includes, written by
 * temp file + rename (a directory, never a single bind-mounted file: a rename would be invisible).
 * Test and reload are serialized across apps with a lock file, so one app's reload never
 * loads another app's half-done change.
 */
public final class NginxHostRouter implements Router {
    /** Serializes changes to one include directory across apps, threads and processes. */
    private static final String LOCK_FILE = ".protostar-router.lock";

    private final AppSpec spec;

    public NginxHostRouter(AppSpec spec) {
        this.spec = spec;
    }

    private Path file() {
        return spec.router().includeDir().resolve(NginxInclude.fileName(spec.app()));
    }

    @Override
    public Optional<Route> current(String app) {
        String text = read(spec.router().includeDir().resolve(NginxInclude.fileName(app)));
        return text == null ? Optional.empty() : NginxInclude.parse(text);
    }

    /** The include file's text as it is now, or null when there is none. */
    public String currentText() {
        return read(file());
    }

    private static String read(Path f) {
        try {
            byte[] bytes = AtomicFile.read(f);
            return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RouterException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void apply(Route route) {
        change(NginxInclude.render(spec, route));
    }

    @Override
    public void remove(String app) {
        change(null);
    }

    /** Puts {@code next} in place (null: no file), tests, reloads; on any failure the previous file is back. */
    private void change(String next) {
        Path dir = spec.router().includeDir();
        if (!Files.isDirectory(dir)) {
            throw new RouterException("router.includeDir " + dir + " does not exist; create it and include "
                    + dir + "/*.conf from nginx's http block");
        }
        try {
            FileGuard.hold(dir.resolve(LOCK_FILE), () -> {
                String previous = currentText();
                put(next);
                try {
                    testAndReload();
                } catch (RuntimeException e) {
                    try {
                        put(previous);
                    } catch (IOException restore) {
                        // The new file stays in place: any later reload loads it, so treat it as switched.
                        throw new RouterException(e.getMessage() + "\nPutting the previous include back ALSO failed: "
                                + restore.getMessage() + ". " + file() + " still names the new color; fix it before nginx reloads.",
                                restore, true);
                    }
                    if (e instanceof ReloadOutcomeUnknown) {
                        // The reload may have reached nginx: load the previous file again so nginx and the file agree.
                        try {
                            testAndReload();
                        } catch (RuntimeException again) {
                            throw new RouterException(e.getMessage() + "\nReloading the previous include also failed: "
                                    + again.getMessage() + "\nCheck nginx now.", again, true);
                        }
                    }
                    throw e;
                }
                return null;
            });
        } catch (IOException e) {
            throw new RouterException("cannot write the nginx include in " + dir + ": " + e.getMessage()
                    + "; the previous include is unchanged", e);
        }
    }

    private void testAndReload() {
        HostCommand.Outcome test = HostCommand.run(spec.router().test(), spec.router().commandTimeout());
        if (test.exitCode() != 0) {
            throw new RouterException("nginx rejected the configuration, so nothing was switched and the previous "
                    + "include was put back. " + String.join(" ", spec.router().test()) + " said:\n" + test.output());
        }
        HostCommand.Outcome reload;
        try {
            reload = HostCommand.run(spec.router().reload(), spec.router().commandTimeout());
        } catch (RouterException e) {
            throw new ReloadOutcomeUnknown(e.getMessage() + "; the previous include was put back");
        }
        if (reload.exitCode() != 0) {
            throw new RouterException("nginx reload failed (exit " + reload.exitCode() + "), the previous include was put back. "
                    + String.join(" ", spec.router().reload()) + " said:\n" + reload.output());
        }
    }

    /** The reload command did not finish: it may or may not have signalled nginx. */
    private static final class ReloadOutcomeUnknown extends RouterException {
        private static final long serialVersionUID = 1L;

        ReloadOutcomeUnknown(String message) {
            super(message, null, true);
        }
    }

    private void put(String content) throws IOException {
        if (content == null) {
            Files.deleteIfExists(file());
        } else {
            AtomicFile.write(file(), content.getBytes(StandardCharsets.UTF_8), true); // nginx's workers read it
        }
    }

    @Override
    public String url() {
        return spec.router().url();
    }

    @Override
    public String hostHeader() {
        String names = spec.router().serverName();
        if (names == null) {
            return null;
        }
        String first = names.split(" ")[0];
        return first.contains("*") || "_".equals(first) ? null : first;
    }
}
