package dev.protostar.core.router;

import dev.protostar.core.spec.AppSpec;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * nginx on the same host: the include file lives in a directory nginx includes, written by
 * temp file + rename (a directory, never a single bind-mounted file: a rename would be invisible).
 * Test and reload are serialized across apps with a lock file, so one app's reload never
 * loads another app's half-done change.
 */
public final class NginxHostRouter implements Router {
    private final AppSpec spec;

    public NginxHostRouter(AppSpec spec) {
        this.spec = spec;
    }

    private Path file() {
        return spec.router().includeDir().resolve(NginxInclude.fileName(spec.app()));
    }

    @Override
    public Optional<Route> current(String app) {
        Path f = spec.router().includeDir().resolve(NginxInclude.fileName(app));
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            return NginxInclude.parse(Files.readString(f, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RouterException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    /** The include file's text as it is now, or null when there is none. */
    public String currentText() {
        try {
            return Files.exists(file()) ? Files.readString(file(), StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new RouterException("cannot read " + file() + ": " + e.getMessage(), e);
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
        try (FileChannel lockFile = FileChannel.open(lockPath(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            String previous = currentText();
            put(next);
            HostCommand.Outcome test = HostCommand.run(spec.router().test(), spec.router().commandTimeout());
            if (test.exitCode() != 0) {
                put(previous);
                throw new RouterException("nginx rejected the configuration, so nothing was switched and the previous "
                        + "include was put back. " + String.join(" ", spec.router().test()) + " said:\n" + test.output());
            }
            HostCommand.Outcome reload = HostCommand.run(spec.router().reload(), spec.router().commandTimeout());
            if (reload.exitCode() != 0) {
                put(previous);
                throw new RouterException("nginx reload failed (exit " + reload.exitCode() + "), the previous include was put back. "
                        + String.join(" ", spec.router().reload()) + " said:\n" + reload.output());
            }
        } catch (IOException e) {
            throw new RouterException("cannot write the nginx include in " + dir + ": " + e.getMessage()
                    + "; the previous include is unchanged", e);
        }
    }

    private Path lockPath() throws IOException {
        Files.createDirectories(spec.router().stateDir());
        return spec.router().stateDir().resolve("router.lock");
    }

    private void write(String content) throws IOException {
        Path target = file();
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            tmp.toFile().setReadable(true, false);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void put(String content) throws IOException {
        if (content == null) {
            Files.deleteIfExists(file());
        } else {
            write(content);
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
