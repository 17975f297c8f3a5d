package dev.protostar.core.router;

import dev.protostar.core.docker.Archive;
import dev.protostar.core.docker.Docker;
import dev.protostar.core.docker.DockerException;
import dev.protostar.core.docker.Exec;
import dev.protostar.core.spec.AppSpec;
import dev.protostar.core.state.EngineLock;
import dev.protostar.core.state.LockHeldException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * nginx running as a container on the same Docker engine as the colors, changed through the
 * Docker API alone (no SSH, no shared filesystem): the include is copied into the container under
 * a temp name and renamed into place with {@code mv} inside it, then {@code nginx -t} and the
 * reload run there through exec. Changes to one nginx are serialized across apps and machines by
 * a lock that lives with the engine.
 */
public final class NginxContainerRouter extends NginxRouter {
    private static final Duration ROUTER_LEASE = Duration.ofMinutes(1);
    private static final Duration ROUTER_PATIENCE = Duration.ofMinutes(3);

    private final Docker docker;
    private final String container;
    private final NetworkPath path;
    /** The router lock while a change holds it. */
    private volatile EngineLock held;
    /**
     * The include directory's records and includes as the change under way read them, in one copy (each copy out of the
     * container costs tens of milliseconds), until it writes; only under the router lock, which keeps other changes out.
     */
    private Map<String, byte[]> seen;

    public NginxContainerRouter(AppSpec spec, Docker docker) {
        super(spec);
        this.docker = docker;
        this.container = spec.router().container();
        this.path = new ContainerPath(docker, container);
    }

    private String dir() {
        return spec.router().includeDir().toString();
    }

    private String file(String app) {
        return dir() + "/" + NginxInclude.fileName(app);
    }

    /** The records and includes in the directory, read once per change under the router lock (see {@link #seen}). */
    private Map<String, byte[]> ours() {
        if (held != null && seen != null) {
            return seen;
        }
        Map<String, byte[]> all = Archive.files(docker, container, dir(),
                name -> Pending.appOf(name).isPresent() || ListenClaims.appOf(name) != null);
        if (held != null) {
            seen = all;
        }
        return all;
    }

    @Override
    String read(String app) {
        try {
            byte[] bytes = held != null ? ours().get(NginxInclude.fileName(app)) : Archive.get(docker, container, file(app));
            return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
        } catch (DockerException e) {
            throw new RouterException(describe(e), e);
        }
    }

    @Override
    Map<String, String> pending() {
        try {
            Map<String, String> out = new TreeMap<>();
            ours().forEach((name, bytes) -> {
                if (Pending.appOf(name).isPresent()) {
                    out.put(name, new String(bytes, StandardCharsets.UTF_8));
                }
            });
            return out;
        } catch (DockerException e) {
            throw new RouterException(describe(e), e);
        }
    }

    @Override
    void writePending(String app, String text) throws java.io.IOException {
        seen = null;
        try {
            Archive.put(docker, container, dir(), Pending.fileName(app), text.getBytes(StandardCharsets.UTF_8), 0600);
        } catch (DockerException e) {
            throw new java.io.IOException(describe(e), e);
        }
    }

    @Override
    void removePending(String fileName) throws java.io.IOException {
        seen = null;
        try {
            must(Exec.run(docker, container, List.of("rm", "-f", dir() + "/" + fileName), spec.router().commandTimeout(), true), "rm");
        } catch (DockerException e) {
            throw new java.io.IOException(describe(e), e);
        }
    }

    @Override
    void write(String app, String content) throws java.io.IOException {
        seen = null;
        try {
            if (content == null) {
                must(Exec.run(docker, container, List.of("rm", "-f", file(app)), spec.router().commandTimeout(), true), "rm");
                return;
            }
            // Not *.conf, so nginx never includes it half-written; the rename inside the container is atomic.
            String temp = ".protostar-" + app + "." + Integer.toHexString(ThreadLocalRandom.current().nextInt()) + ".tmp";
            try {
                Archive.put(docker, container, dir(), temp, content.getBytes(StandardCharsets.UTF_8), 0644);
                must(Exec.run(docker, container, List.of("mv", "-f", dir() + "/" + temp, file(app)),
                        spec.router().commandTimeout(), true), "mv");
            } catch (DockerException | java.io.IOException e) {
                removeQuietly(dir() + "/" + temp); // a part-copied temp file would only take space on a disk that may be full
                throw e;
            }
        } catch (DockerException e) {
            throw new java.io.IOException(describe(e), e);
        }
    }

    private void removeQuietly(String path) {
        try {
            Exec.run(docker, container, List.of("rm", "-f", path), spec.router().commandTimeout(), true);
        } catch (RuntimeException e) {
            // nginx never reads a *.tmp file; it stays until the next clean-up
        }
    }

    private void must(Exec.Result r, String what) throws java.io.IOException {
        if (r.exitCode() != 0) {
            throw new java.io.IOException(what + " in the nginx container " + container + " failed (exit " + r.exitCode() + "): " + r.output());
        }
    }

    @Override
    Outcome test() {
        try {
            Exec.Result r = Exec.run(docker, container, spec.router().test(), spec.router().commandTimeout(), true);
            return new Outcome(r.exitCode(), r.output());
        } catch (DockerException e) {
            throw new RouterException(describe(e) + "; nothing was reloaded", e);
        }
    }

    @Override
    Outcome reload() {
        try {
            Exec.Result r = Exec.run(docker, container, spec.router().reload(), spec.router().commandTimeout(), true);
            return new Outcome(r.exitCode(), r.output());
        } catch (DockerException e) {
            throw new ReloadOutcomeUnknown(describe(e) + "; the previous include was put back");
        }
    }

    @Override
    void serialized(Runnable work) {
        EngineLock lock;
        try {
            // "router." cannot collide with an app's lock: app names have no dots.
            lock = EngineLock.await(docker, "router." + container, "a change for " + spec.app(), ROUTER_LEASE, ROUTER_PATIENCE);
        } catch (LockHeldException e) {
            throw new RouterException("another change to nginx " + container + " did not finish within "
                    + ROUTER_PATIENCE.toMinutes() + " min: " + e.getMessage(), e);
        } catch (DockerException e) {
            throw new RouterException(describe(e), e);
        }
        try (lock) {
            seen = null;
            held = lock;
            work.run();
        } finally {
            held = null;
            seen = null;
        }
    }

    @Override
    String routerLockLost() {
        EngineLock l = held;
        return l == null || l.stillHeld() ? null : "this command's lock on nginx " + container + " lapsed while it was paused and "
                + "another change may have taken it";
    }

    private String describe(DockerException e) {
        String m = e.getMessage();
        if (m != null && (m.contains("No such container") || m.contains("is not running"))) {
            return "the nginx container " + container + " is not running on " + docker.host() + " (" + m + ")";
        }
        return m;
    }

    @Override
    Map<String, String> includes() {
        Map<String, String> all = new TreeMap<>();
        try {
            ours().forEach((name, bytes) -> {
                if (ListenClaims.appOf(name) != null) {
                    all.put(ListenClaims.appOf(name), new String(bytes, StandardCharsets.UTF_8));
                }
            });
        } catch (DockerException e) {
            throw new RouterException(describe(e) + " (reading the other apps' includes, to keep apps from colliding); nothing was changed", e);
        }
        return all;
    }

    /** Inside nginx's container only nginx listens, and its network namespace cannot be probed from here. */
    @Override
    Optional<String> listenProblem(ListenClaims.Address address) {
        return Optional.empty();
    }

    @Override
    String where(String app) {
        return file(app) + " in the nginx container " + container;
    }

    @Override
    public NetworkPath path() {
        return path;
    }

    @Override
    public dev.protostar.core.docker.Reach reach() {
        return dev.protostar.core.docker.Reach.APP_NETWORK;
    }
}
