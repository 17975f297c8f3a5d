package dev.protostar.core.router;

import dev.protostar.core.files.AtomicFile;
import dev.protostar.core.files.FileGuard;
import dev.protostar.core.spec.AppSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * nginx on the same host: the include file lives in a directory nginx includes, written by
 * temp file + rename (a directory, never a single bind-mounted file: a rename would be invisible).
 * Test and reload are serialized across apps with a lock file, so one app's reload never
 * loads another app's half-done change.
 */
public final class NginxHostRouter extends NginxRouter {
    /** Serializes changes to one include directory across apps, threads and processes. */
    private static final String LOCK_FILE = ".protostar-router.lock";
    /** The longest wait for another app's change, like the container router's; never less than a holder may take. */
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private final NetworkPath path = NetworkPath.host();

    public NginxHostRouter(AppSpec spec) {
        super(spec);
    }

    private Path file(String app) {
        return spec.router().includeDir().resolve(NginxInclude.fileName(app));
    }

    @Override
    String read(String app) {
        Path f = spec.router().includeDir().resolve(NginxInclude.fileName(app));
        try {
            byte[] bytes = AtomicFile.read(f);
            return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RouterException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    @Override
    void write(String app, String content) throws IOException {
        if (content == null) {
            Files.deleteIfExists(file(app));
        } else {
            AtomicFile.write(file(app), content.getBytes(StandardCharsets.UTF_8), true); // nginx's workers read it
        }
    }

    @Override
    Map<String, String> pending() {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(spec.router().includeDir())) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (Pending.appOf(name).isPresent()) {
                    byte[] bytes = AtomicFile.read(f);
                    if (bytes != null) {
                        out.put(name, new String(bytes, StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (NoSuchFileException e) {
            return out; // no include directory: nothing was ever changed there
        } catch (IOException e) {
            throw new RouterException("cannot read the nginx include directory " + spec.router().includeDir() + ": " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    void writePending(String app, String text) throws IOException {
        AtomicFile.write(spec.router().includeDir().resolve(Pending.fileName(app)), text.getBytes(StandardCharsets.UTF_8), false);
    }

    @Override
    void removePending(String fileName) throws IOException {
        Files.deleteIfExists(spec.router().includeDir().resolve(fileName));
    }

    @Override
    Outcome test() {
        HostCommand.Outcome o = HostCommand.run(spec.router().test(), spec.router().commandTimeout());
        return new Outcome(o.exitCode(), o.output());
    }

    @Override
    Outcome reload() {
        try {
            HostCommand.Outcome o = HostCommand.run(spec.router().reload(), spec.router().commandTimeout());
            return new Outcome(o.exitCode(), o.output());
        } catch (RouterException e) {
            throw new ReloadOutcomeUnknown(e.getMessage() + "; the previous include was put back");
        }
    }

    @Override
    void serialized(Runnable work) {
        Path dir = spec.router().includeDir();
        if (!Files.isDirectory(dir)) {
            throw new RouterException("router.includeDir " + dir + " does not exist; create it and include "
                    + dir + "/*.conf from nginx's http block");
        }
        try {
            FileGuard.hold(dir.resolve(LOCK_FILE), patience(), () -> {
                work.run();
                return null;
            });
        } catch (FileGuard.NotTaken e) {
            throw new RouterException(e.interrupted() ? e.getMessage()
                    : e.getMessage() + ". Another deploy or switch on this nginx may be stuck: see which with ps, then run the deploy or switch again.", e);
        } catch (IOException e) {
            throw new RouterException("cannot lock the nginx include directory " + dir + ": " + e.getMessage()
                    + "; the previous include is unchanged and nothing was reloaded. Make " + dir + " writable (the lock file "
                    + LOCK_FILE + " lives there; a full or read-only file system also stops it), then run the deploy or switch again.", e);
        } catch (UncheckedIOException e) {
            throw new RouterException(e.getMessage(), e);
        }
    }

    /** A holder runs the test and the reload at most twice (the change, then putting the previous include back). */
    private Duration patience() {
        Duration holder = spec.router().commandTimeout().multipliedBy(4).plusSeconds(30);
        return holder.compareTo(PATIENCE) > 0 ? holder : PATIENCE;
    }

    @Override
    Map<String, String> includes() {
        Path dir = spec.router().includeDir();
        Map<String, String> all = new TreeMap<>();
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String app = ListenClaims.appOf(f.getFileName().toString());
                byte[] bytes = app == null ? null : AtomicFile.read(f);
                if (bytes != null) {
                    all.put(app, new String(bytes, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new RouterException("cannot read the includes in " + dir + " (to keep apps from colliding): " + e.getMessage()
                    + "; nothing was changed", e);
        }
        return all;
    }

    @Override
    Optional<String> listenProblem(ListenClaims.Address address) {
        return HostListen.problem(address);
    }

    @Override
    String groupKey() {
        // Apps that name the same directory but test or reload otherwise (or with other time limits) are not grouped.
        return "host " + spec.router().includeDir().toAbsolutePath().normalize() + " " + spec.router().test() + " "
                + spec.router().reload() + " " + spec.router().commandTimeout();
    }

    @Override
    String where(String app) {
        return file(app).toString();
    }

    @Override
    public NetworkPath path() {
        return path;
    }

    @Override
    public dev.protostar.core.docker.Reach reach() {
        return dev.protostar.core.docker.Reach.PUBLISHED_PORT;
    }
}
