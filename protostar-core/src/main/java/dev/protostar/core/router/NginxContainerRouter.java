package dev.protostar.core.router;

import dev.protostar.core.docker.Archive;
import dev.protostar.core.docker.Docker;
import dev.protostar.core.docker.DockerException;
import dev.protostar.core.docker.Exec;
import dev.protostar.core.docker.PublishedPort;
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
    /**
     * The directory as {@link #pending()} last read it outside the router lock, for the one {@link #read} that follows (a
     * command's discover checks for unfinished changes, then reads its include: one copy out of the container, not two).
     */
    private final ThreadLocal<Map<String, byte[]>> lastLookedAt = new ThreadLocal<>();

    public NginxContainerRouter(AppSpec spec, Docker docker) {
        super(spec);
        this.docker = docker;
        this.container = spec.router().container();
        this.path = new PublishedPath(spec.router().url(), new ContainerPath(docker, container),
                port -> PublishedPort.onLoopback(docker, container, port));
    }

    private String dir() {
        return spec.router().includeDir().toString();
    }

    private String file(String app) {
        return dir() + "/" + NginxInclude.fileName(app);
    }

    /** A write changes the directory: the next read goes to the container again. */
    private void forget() {
        seen = null;
        lastLookedAt.remove();
    }

    /** The records and includes in the directory, read once per change under the router lock (see {@link #seen}). */
    private Map<String, byte[]> ours() {
        if (held != null && seen != null) {
            return seen;
        }
        Map<String, byte[]> found = Archive.files(docker, container, dir(),
                name -> Pending.appOf(name).isPresent() || ListenClaims.appOf(name) != null || TEMP.matcher(name).matches());
        Map<String, byte[]> all = new java.util.LinkedHashMap<>();
        found.forEach((name, bytes) -> {
            java.util.regex.Matcher temp = TEMP.matcher(name);
            if (temp.matches()) {
                if (held != null) {
                    leftTemps.add(name); // a change cut short after its copy: removed with its record
                }
            } else {
                all.put(name, bytes);
            }
        });
        if (held != null) {
            seen = all;
        }
        return all;
    }

    @Override
    String read(String app) {
        try {
            Map<String, byte[]> looked = lastLookedAt.get();
            lastLookedAt.remove();
            byte[] bytes = held != null ? ours().get(NginxInclude.fileName(app))
                    : looked != null ? looked.get(NginxInclude.fileName(app)) : Archive.get(docker, container, file(app));
            return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
        } catch (DockerException e) {
            throw new RouterException(describe(e), e);
        }
    }

    @Override
    Map<String, String> pending() {
        try {
            Map<String, String> out = new TreeMap<>();
            Map<String, byte[]> all = ours();
            if (held == null) {
                lastLookedAt.set(all);
            }
            all.forEach((name, bytes) -> {
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
        forget();
        try {
            Archive.put(docker, container, dir(), Pending.fileName(app), text.getBytes(StandardCharsets.UTF_8), 0600);
        } catch (DockerException e) {
            throw new java.io.IOException(describe(e), e);
        }
    }

    /** The include's next text, copied in beside its pending record under a name nginx never includes, for {@link #write}. */
    private record Staged(String app, String content, String temp) {}

    private Staged staged;
    /** Temp files of changes cut short between their copy and their rename, as this change's lock found them. */
    private final java.util.Set<String> leftTemps = new java.util.LinkedHashSet<>();
    private static final java.util.regex.Pattern TEMP = java.util.regex.Pattern.compile("\\.protostar-([a-z][a-z0-9-]{0,29})\\.[0-9a-f]{1,8}\\.tmp");

    /** One copy into the container instead of two: the record, and the next include under its temp name. */
    @Override
    void writePending(String app, String text, String next) throws java.io.IOException {
        if (next == null) {
            writePending(app, text);
            return;
        }
        forget();
        staged = null;
        String temp = tempName(app);
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put(Pending.fileName(app), text.getBytes(StandardCharsets.UTF_8)); // the record first: a copy cut short has no include without it
        files.put(temp, next.getBytes(StandardCharsets.UTF_8));
        try {
            Archive.putEach(docker, container, dir(), files, name -> name.equals(temp) ? 0644 : 0600);
        } catch (DockerException e) {
            removeQuietly(dir() + "/" + temp);
            throw new java.io.IOException(describe(e), e);
        }
        staged = new Staged(app, next, temp);
    }

    @Override
    void removePending(String fileName) throws java.io.IOException {
        forget();
        List<String> rm = new java.util.ArrayList<>(List.of("rm", "-f", dir() + "/" + fileName));
        Pending.appOf(fileName).ifPresent(app -> leftTemps.stream()
                .filter(t -> TEMP.matcher(t).replaceFirst("$1").equals(app)).forEach(t -> rm.add(dir() + "/" + t)));
        try {
            must(Exec.run(docker, container, rm, spec.router().commandTimeout(), true), "rm");
        } catch (DockerException e) {
            throw new java.io.IOException(describe(e), e);
        }
    }

    @Override
    void write(String app, String content) throws java.io.IOException {
        writeThen(app, content, false);
    }

    /** The rename and nginx -t in one exec: an exec costs 50-500 ms, the test has no effect, and it runs right after anyway. */
    @Override
    Outcome writeAndTest(String app, String content) throws java.io.IOException {
        return writeThen(app, content, true);
    }

    private static final String RENAMED = "<<protostar-renamed>>";
    private static final String NOT_RENAMED = "<<protostar-not-renamed>>";

    /**
     * Puts {@code content} in place (copied in under a temp name, unless {@link #writePending} sent it along, then renamed)
     * and, with {@code test}, runs the test in the same exec: its outcome, or null when it has not run.
     */
    private Outcome writeThen(String app, String content, boolean test) throws java.io.IOException {
        forget();
        Staged ready = staged;
        staged = null;
        try {
            if (content == null) {
                must(Exec.run(docker, container, List.of("rm", "-f", file(app)), spec.router().commandTimeout(), true), "rm");
                return null;
            }
            boolean copied = ready != null && ready.app().equals(app) && ready.content().equals(content);
            String temp = copied ? ready.temp() : tempName(app);
            try {
                if (!copied) {
                    Archive.put(docker, container, dir(), temp, content.getBytes(StandardCharsets.UTF_8), 0644);
                }
                if (test) {
                    Outcome tested = renameAndTest(dir() + "/" + temp, file(app));
                    if (tested != null) {
                        return tested;
                    }
                }
                must(Exec.run(docker, container, List.of("mv", "-f", dir() + "/" + temp, file(app)),
                        spec.router().commandTimeout(), true), "mv");
                return null;
            } catch (DockerException | java.io.IOException e) {
                removeQuietly(dir() + "/" + temp); // a part-copied temp file would only take space on a disk that may be full
                throw e;
            }
        } catch (DockerException e) {
            throw new java.io.IOException(describe(e), e);
        }
    }

    /**
     * mv, then the test, by a shell in the container; the paths and the test's words come in as arguments, never parsed
     * by the shell. Null when no shell ran (an image without sh): nothing was renamed, the caller renames on its own.
     */
    private Outcome renameAndTest(String temp, String include) throws java.io.IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of("sh", "-c",
                "mv -f \"$1\" \"$2\" || { echo '" + NOT_RENAMED + "' >&2; exit 1; }; echo '" + RENAMED + "' >&2; shift 2; exec \"$@\"",
                "sh", temp, include));
        cmd.addAll(spec.router().test());
        Exec.Result r;
        try {
            r = Exec.run(docker, container, cmd, spec.router().commandTimeout().multipliedBy(2), true); // two steps' time
        } catch (DockerException e) {
            throw new TestUnfinished("renaming " + include + " into place and " + String.join(" ", spec.router().test())
                    + " in the nginx container " + container + " did not finish: " + describe(e), e);
        }
        if (r.stderr().contains(NOT_RENAMED)) {
            throw new java.io.IOException("mv in the nginx container " + container + " failed: " + r.output().replace(NOT_RENAMED, "").strip());
        }
        if (!r.stderr().contains(RENAMED)) {
            return null;
        }
        return new Outcome(r.exitCode(), (r.stdout() + r.stderr().replace(RENAMED + "\n", "").replace(RENAMED, "")).strip());
    }

    /**
     * The include staged by {@link #writePending} renamed into place, the test, the reload and the record's removal, by one
     * shell in the container (one exec, not three). Null when it cannot: nothing staged for this content, or an image
     * without sh (nothing ran). Each word goes into the script single-quoted, so the shell parses none of it.
     */
    @Override
    AtOnce changeAtOnce(String app, String content) throws java.io.IOException {
        Staged ready = staged;
        if (ready == null || !ready.app().equals(app) || !ready.content().equals(content)) {
            return null;
        }
        forget();
        List<String> drop = new java.util.ArrayList<>(List.of(dir() + "/" + Pending.fileName(app)));
        leftTemps.stream().filter(t -> TEMP.matcher(t).replaceFirst("$1").equals(app)).forEach(t -> drop.add(dir() + "/" + t));
        String script = "mv -f " + quoted(List.of(dir() + "/" + ready.temp(), file(app))) + " || { " + mark(NOT_RENAMED) + "; exit 1; }\n"
                + mark(RENAMED) + "\n"
                + quoted(spec.router().test()) + " || { c=$?; " + mark(REJECTED) + "; exit $c; }\n"
                + quoted(spec.router().reload()) + " || { c=$?; " + mark(RELOAD_FAILED) + "; exit $c; }\n"
                + mark(RELOADED) + "\n"
                + "rm -f " + quoted(drop) + " || exit 1\n"
                + mark(DROPPED) + "\n";
        Exec.Result r;
        try {
            r = Exec.run(docker, container, List.of("sh", "-c", script), spec.router().commandTimeout().multipliedBy(3), true); // three steps' time
        } catch (DockerException e) {
            throw new java.io.IOException("in the nginx container " + container + ": " + describe(e), e);
        }
        String err = r.stderr();
        if (!err.contains(RENAMED) && !err.contains(NOT_RENAMED)) {
            return null; // no shell ran: nothing was renamed
        }
        staged = null;
        String output = (r.stdout() + err).replaceAll("<<protostar-[a-z-]+>>\n?", "").strip();
        Outcome outcome = new Outcome(r.exitCode(), output);
        Reached reached = err.contains(DROPPED) ? Reached.DONE : err.contains(RELOADED) ? Reached.RELOADED
                : err.contains(RELOAD_FAILED) ? Reached.RELOAD_FAILED : err.contains(REJECTED) ? Reached.REJECTED
                : err.contains(NOT_RENAMED) ? Reached.NOT_RENAMED : null;
        if (reached == null) {
            throw new java.io.IOException("the shell in the nginx container " + container + " stopped after the rename (exit " + r.exitCode()
                    + "): " + output);
        }
        return new AtOnce(reached, outcome);
    }

    private static final String REJECTED = "<<protostar-rejected>>";
    private static final String RELOAD_FAILED = "<<protostar-reload-failed>>";
    private static final String RELOADED = "<<protostar-reloaded>>";
    private static final String DROPPED = "<<protostar-dropped>>";

    private static String mark(String marker) {
        return "echo '" + marker + "' >&2";
    }

    /** Each word single-quoted for sh (a quote inside one closes, escapes and reopens it). */
    static String quoted(List<String> words) {
        return words.stream().map(w -> "'" + w.replace("'", "'\\''") + "'").collect(java.util.stream.Collectors.joining(" "));
    }

    /** Not *.conf, so nginx never includes it half-written; the rename inside the container is atomic. */
    private static String tempName(String app) {
        return ".protostar-" + app + "." + Integer.toHexString(ThreadLocalRandom.current().nextInt()) + ".tmp";
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
            holding(lock, work);
        }
    }

    /** Runs {@code work} with {@code lock} as this router's: reads of the directory under it are kept until a write. */
    private void holding(EngineLock lock, Runnable work) {
        held = lock;
        forget();
        try {
            work.run();
        } finally {
            held = null;
            staged = null;
            leftTemps.clear();
            forget();
        }
    }

    @Override
    String groupKey() {
        return "container " + docker.host() + " " + container + " " + dir() + " " + spec.router().test() + " " + spec.router().reload()
                + " " + spec.router().commandTimeout();
    }

    /** As the holder: its lock (checked before a reload), and reads of the directory under it kept until a write. */
    @Override
    void underLockOf(NginxRouter holder, Runnable work) {
        if (holder == this) {
            work.run();
            return;
        }
        holding(((NginxContainerRouter) holder).held, work);
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
