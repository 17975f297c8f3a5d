package dev.protostar.core.router;

import dev.protostar.core.spec.AppSpec;
import java.io.FileInputStream;
import java.io.FileOutputStream;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * nginx on the same host: the include file lives in a directory nginx includes, written by
 * temp file + rename (a directory, never a single bind-mounted file: a rename would be invisible).
 * Test and reload are serialized across apps with a lock file, so one app's reload never
 * loads another app's half-done change.
 */
public final class NginxHostRouter implements Router {
    /** Serializes changes to one include directory across apps: threads in this JVM, then processes. */
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();
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

    /** Plain streams, not channels: an interrupt must not turn a read into a failed switch. */
    private static String read(Path f) {
        try (FileInputStream in = new FileInputStream(f.toFile())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.FileNotFoundException e) {
            return null;
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
        ReentrantLock inJvm = LOCKS.computeIfAbsent(dir.toAbsolutePath().normalize(), d -> new ReentrantLock());
        // A change runs to its end even if the thread is interrupted (an aborted build): file channels
        // would close mid-write on an interrupt, and a half-done change is worse than a bounded wait.
        boolean interrupted = Thread.interrupted();
        inJvm.lock();
        try (FileChannel lockFile = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
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
        } catch (IOException e) {
            throw new RouterException("cannot write the nginx include in " + dir + ": " + e.getMessage()
                    + "; the previous include is unchanged", e);
        } finally {
            inJvm.unlock();
            if (interrupted || Thread.interrupted()) {
                Thread.currentThread().interrupt();
            }
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

    /** Temp file + rename. Plain streams, not channels: an interrupt must not close the file mid-write. */
    private void write(String content) throws IOException {
        Path target = file();
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
                out.write(content.getBytes(StandardCharsets.UTF_8));
                out.getFD().sync();
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
