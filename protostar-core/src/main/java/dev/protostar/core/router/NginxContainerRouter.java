package dev.protostar.core.router;

import dev.protostar.core.Uninterrupted;
import dev.protostar.core.docker.Archive;
import dev.protostar.core.docker.Docker;
import dev.protostar.core.docker.DockerException;
import dev.protostar.core.docker.Exec;
import dev.protostar.core.docker.PublishedPort;
import dev.protostar.core.spec.AppSpec;
import dev.protostar.core.state.EngineLock;
import dev.protostar.core.state.LockEvents;
import dev.protostar.core.state.LockMark;
import dev.protostar.core.state.LockHeldException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
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
        seenWhole = false;
        lastLookedAt.remove();
    }

    /** The records and includes in the directory, read once per change under the router lock (see {@link #seen}). */
    private Map<String, byte[]> ours() {
        if (held != null && seen != null) {
            return seen;
        }
        if (held == null && heldUnder != null && !keptTried) {
            keptTried = true;
            Kept k = KEPT.get(keptKey());
            if (k != null && LockEvents.nobodyElseBetween(docker, k.anchor(), heldUnder)) {
                fromKept = true;
                lookedAt = new LookedAt(k.files(), System.nanoTime());
                known = k.files();
                knownNanos = k.knownNanos();
                return new java.util.LinkedHashMap<>(k.files());
            }
        }
        long readFrom = System.nanoTime();
        int[] globbed = {0};
        Map<String, byte[]> found = Archive.files(docker, container, dir(), name -> {
            if (GLOBBED.matcher(name).matches()) {
                globbed[0]++;
            }
            return Pending.appOf(name).isPresent() || ListenClaims.appOf(name) != null || TEMP.matcher(name).matches();
        });
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
        boolean clean = globbed[0] == found.size() && found.size() == all.size()
                && all.entrySet().stream().allMatch(e -> ListenClaims.appOf(e.getKey()) != null && textual(e.getValue()));
        if (held != null) {
            LookedAt before = unchecked;
            unchecked = null;
            // Started from this process's newest state: what the command decided from it is about its own include alone.
            boolean ownAsStarted = startsFromNewest && clean && java.util.Arrays.equals(before == null ? null
                    : before.files().get(NginxInclude.fileName(spec.app())), all.get(NginxInclude.fileName(spec.app())));
            if (before != null && !ownAsStarted && !(clean && sameFiles(before.files(), all))) {
                throw new RouterException("the include directory " + dir() + " in the nginx container " + container + " changed while "
                        + "this change was prepared (another change, or an edit by hand); nothing was changed. Run the command again.");
            }
            seen = all;
            seenWhole = clean;
        } else {
            lookedAt = clean ? new LookedAt(Map.copyOf(all), System.nanoTime()) : null;
            known = clean ? lookedAt.files() : null;
            knownNanos = readFrom; // a change of this process that ended during the read is as new, and exact
        }
        return all;
    }

    /**
     * The include directory as the last command of this process on an app knew it exactly (read whole, or made so by its
     * one-exec change), and the lock that command held: the next command on the app starts from it instead of reading the
     * directory (a copy out of the container, 200-300 ms under load) where the engine's events show that nobody else held
     * the app's lock in between ({@link LockEvents}). So the app's own include is as it was left; another app's may have
     * changed since, which the one-exec change's check finds (it then starts again from a read under the router lock), as
     * it does for a read before the lock. A change of any app made here brings every app's copy of that directory up to
     * date. What nginx serves is asked all the same; where it disagrees, the directory is read again.
     */
    private record Kept(Map<String, byte[]> files, LockMark anchor, long knownNanos) {}

    private static final Map<String, Kept> KEPT = new java.util.concurrent.ConcurrentHashMap<>();
    /** Apps whose directory a long-lived process keeps at most (an agent serving many apps). */
    private static final int KEPT_AT_MOST = 64;

    /**
     * Per include directory: the newest state this process knows exactly, as its last one-exec change left it. A change
     * under the router lock starts from it when it is newer than its own read before the lock (its exec checks it either
     * way): the next change of a group made in turn, or the next hold's, after the one before changed the directory.
     */
    private static final Map<String, LookedAt> NEWEST = new java.util.concurrent.ConcurrentHashMap<>();
    /** Whether the change under the lock started from {@link #NEWEST}. */
    private boolean startsFromNewest;
    /** Whether {@link #seen} is the whole directory, apps' includes alone (a clean read, or a start checked by the exec). */
    private boolean seenWhole;

    /** The lock of the command this router serves, once it said so. */
    private volatile LockMark heldUnder;
    private boolean keptTried;
    /** Whether this command's discover started from what an earlier command kept. */
    private boolean fromKept;
    /** The directory as this command last knew it exactly, and since when ({@link System#nanoTime}); null: not known. */
    private volatile Map<String, byte[]> known;
    private volatile long knownNanos;

    private String directoryKey() {
        return docker.host() + "\n" + container + "\n" + dir() + "\n";
    }

    private String keptKey() {
        return directoryKey() + spec.app();
    }

    @Override
    public void heldUnder(LockMark mark) {
        heldUnder = mark;
        keptTried = false;
        fromKept = false;
    }

    @Override
    public void keepForNext() {
        LockMark mark = heldUnder;
        Map<String, byte[]> files = known;
        if (mark == null || files == null) {
            KEPT.remove(keptKey());
            return;
        }
        Kept mine = new Kept(files, mark, knownNanos);
        // A change of another app here since this command knew the directory left a newer copy: it stays, under this lock.
        KEPT.merge(keptKey(), mine, (old, now) -> old.knownNanos() - now.knownNanos() > 0 ? new Kept(old.files(), now.anchor(),
                old.knownNanos()) : now);
        if (KEPT.size() > KEPT_AT_MOST) {
            KEPT.keySet().stream().filter(k -> !k.equals(keptKey())).findAny().ifPresent(KEPT::remove);
        }
    }

    @Override
    public boolean readAfreshIfKept() {
        if (!fromKept) {
            return false;
        }
        fromKept = false;
        lookedAt = null;
        lastLookedAt.remove();
        known = null;
        KEPT.remove(keptKey());
        return true;
    }

    /** After this process's one-exec change: the directory is {@code files}, so is every app's kept copy of it. */
    private void nowKnown(Map<String, byte[]> files) {
        long at = System.nanoTime();
        known = files;
        knownNanos = at;
        NEWEST.merge(directoryKey(), new LookedAt(files, at), (old, now) -> old.nanos() - now.nanos() > 0 ? old : now);
        if (NEWEST.size() > KEPT_AT_MOST) {
            NEWEST.keySet().stream().filter(k -> !k.equals(directoryKey())).findAny().ifPresent(NEWEST::remove);
        }
        String here = directoryKey();
        KEPT.replaceAll((key, k) -> key.startsWith(here) && k.knownNanos() - at < 0 ? new Kept(files, k.anchor(), at) : k);
    }

    /** Regular files that the one-exec change's check counts (see {@link #guard}): {@code protostar-*.conf} and {@code .protostar-*}. */
    private static final java.util.regex.Pattern GLOBBED = java.util.regex.Pattern.compile("protostar-.*\\.conf|\\.protostar-.*");

    /** Text that goes into a script as it is: UTF-8 without NUL. */
    private static boolean textual(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.indexOf('\0') < 0 && java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), bytes);
    }

    private static boolean sameFiles(Map<String, byte[]> a, Map<String, byte[]> b) {
        return a.size() == b.size() && a.entrySet().stream().allMatch(e -> b.containsKey(e.getKey()) && java.util.Arrays.equals(e.getValue(), b.get(e.getKey())));
    }

    /**
     * The directory as a read outside the router lock found it (a command's discover), when it held only apps' includes:
     * the next change under the lock starts from it instead of reading it again (a copy out of the container, 200-300 ms
     * under load), and its one exec checks first that the directory still is so ({@link #guard}), else does nothing and
     * the change starts again from a fresh read. Any other step under the lock reads the directory afresh first, and
     * refuses to go on if it is not so any more ({@link #ours}).
     */
    private record LookedAt(Map<String, byte[]> files, long nanos) {}

    private volatile LookedAt lookedAt;
    /** Under the router lock: the directory as read before it, not yet checked. */
    private LookedAt unchecked;
    /** The check's share of the script, beside the record and the include ({@link #SCRIPT_CARRIES}): under 128 KiB in all. */
    private static final int GUARD_CARRIES = 32 * 1024;
    /** A read older than this is read again: it is checked either way, and an old one is likely to fail the check. */
    private static final Duration TRUSTED_FOR = Duration.ofSeconds(30);

    /** The one exec, started from the read before the lock, was cut short: whatever it left is read and settled afresh. */
    private boolean cutShortFromKeptRead;

    @Override
    boolean cutShortFromKeptRead() {
        boolean was = cutShortFromKeptRead;
        cutShortFromKeptRead = false;
        return was;
    }

    @Override
    boolean startsFromKeptRead() {
        return unchecked != null;
    }

    @Override
    void readAfresh() {
        if (unchecked != null) {
            unchecked = null;
            seen = null;
        }
    }

    /**
     * Not in a container: one app's change is one exec (0.3 s under load), while a group goes step by step (the directory
     * copied out, each include copied in, the test, the reload, each record's removal: 2.7-4.4 s for two or three apps on
     * two busy cores), so a leader waiting to share its reload would make everyone later.
     */
    @Override
    boolean groupsPay() {
        return false;
    }

    /** As {@link #writePending} will leave the record and the include to the script: no NUL, and short enough for it. */
    @Override
    boolean mayChangeAtOnce(String app, String next) {
        if (noShell || next.indexOf('\0') >= 0) {
            return false;
        }
        byte[] now = seen == null ? null : seen.get(NginxInclude.fileName(app));
        String longer = now != null && now.length > next.length() ? new String(now, StandardCharsets.UTF_8) : next;
        return quoted(List.of(next, longer)).getBytes(StandardCharsets.UTF_8).length + 1024 < SCRIPT_CARRIES;
    }

    /** Steps that change or test nginx under the lock, other than the one-exec change: the directory read afresh first. */
    private void checked() {
        if (unchecked != null) {
            seen = null;
            ours();
        }
    }

    /**
     * The one-exec change's first lines where it starts from a read before the lock: the directory must still hold exactly
     * those files ({@code protostar-*.conf} and {@code .protostar-*}, counted) with those texts, else it says so and stops
     * before anything is written. Each text is compared whole (a sentinel after it keeps its trailing newlines from
     * {@code $(…)}); a link counts, and fails the comparison, as the read before the lock took regular files only.
     */
    static String guard(String dir, Map<String, byte[]> files) {
        StringBuilder out = new StringBuilder("g=0\nfor f in " + quoted(List.of(dir + "/")) + "protostar-*.conf " + quoted(List.of(dir + "/"))
                + ".protostar-*; do { [ -f \"$f\" ] || [ -L \"$f\" ]; } && g=$((g + 1)); done\n");
        out.append("[ \"$g\" -eq ").append(files.size()).append(" ]");
        files.forEach((name, bytes) -> {
            String file = quoted(List.of(dir + "/" + name));
            out.append(" && [ -f ").append(file).append(" ] && [ ! -L ").append(file).append(" ] && [ \"$(cat ").append(file)
                    .append(" && echo .)\" = ").append(quoted(List.of(new String(bytes, StandardCharsets.UTF_8) + "."))).append(" ]");
        });
        out.append(" || { ").append(mark(CHANGED)).append("; exit 0; }\n");
        return out.toString();
    }

    static final String CHANGED = "<<protostar-directory-changed>>";

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
        checked();
        forget();
        deferred = null;
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

    /**
     * A change's record and next include that are not in the container yet: the one-exec change writes them itself, before
     * its rename ({@link #changeAtOnce}); any other step copies them in first ({@link #copyDeferred}).
     */
    private record Deferred(String app, String record, String next, String temp, Map<String, byte[]> readUnderLock) {}

    private Deferred deferred;
    /**
     * A record and an include that take up to this much quoted go into the script; longer ones are copied in. The script
     * is one argument of the exec, and Linux takes at most 128 KiB in one (MAX_ARG_STRLEN).
     */
    private static final int SCRIPT_CARRIES = 64 * 1024;

    /**
     * The record, and the next include under its temp name: left for the one-exec change to write where it can (a copy
     * into the container costs as much as an exec), else one copy for both.
     */
    @Override
    void writePending(String app, String text, String next) throws java.io.IOException {
        if (next == null) {
            writePending(app, text);
            return;
        }
        Map<String, byte[]> readUnderLock = held != null && seen != null && seenWhole ? Map.copyOf(seen) : null; // nothing written since
        forget();
        staged = null;
        deferred = null;
        String temp = tempName(app);
        if (!noShell && text.indexOf('\0') < 0 && next.indexOf('\0') < 0
                && quoted(List.of(text, next)).getBytes(StandardCharsets.UTF_8).length < SCRIPT_CARRIES) {
            deferred = new Deferred(app, text, next, temp, readUnderLock);
            staged = new Staged(app, next, temp);
            return;
        }
        copyIn(app, text, next, temp);
    }

    /** Copies in what {@link #writePending} left for the script, before a step that is not the one-exec change. */
    private void copyDeferred() throws java.io.IOException {
        Deferred d = deferred;
        deferred = null;
        if (d != null) {
            copyIn(d.app(), d.record(), d.next(), d.temp());
        }
    }

    private void copyIn(String app, String text, String next, String temp) throws java.io.IOException {
        checked();
        forget();
        staged = null;
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
        checked();
        forget();
        List<String> rm = new java.util.ArrayList<>(List.of("rm", "-f", dir() + "/" + fileName));
        Pending.appOf(fileName).ifPresent(app -> leftTemps.stream()
                .filter(t -> TEMP.matcher(t).replaceFirst("$1").equals(app)).forEach(t -> rm.add(dir() + "/" + t)));
        Staged ready = staged;
        if (ready != null && Pending.appOf(fileName).filter(ready.app()::equals).isPresent()) {
            rm.add(dir() + "/" + ready.temp()); // a change given up before its rename: its next include goes with its record
            staged = null;
        }
        Deferred d = deferred;
        if (d != null && Pending.appOf(fileName).filter(d.app()::equals).isPresent()) {
            deferred = null; // never written
        }
        try {
            must(Exec.run(docker, container, rm, spec.router().commandTimeout(), true), "rm");
        } catch (DockerException e) {
            throw new java.io.IOException(describe(e), e);
        }
    }

    @Override
    void write(String app, String content) throws java.io.IOException {
        checked();
        writeThen(app, content, false);
    }

    /** The rename and nginx -t in one exec: an exec costs 50-500 ms, the test has no effect, and it runs right after anyway. */
    @Override
    Outcome writeAndTest(String app, String content) throws java.io.IOException {
        checked();
        return writeThen(app, content, true);
    }

    static final String RENAMED = "<<protostar-renamed>>";
    static final String NOT_RENAMED = "<<protostar-not-renamed>>";

    /**
     * Puts {@code content} in place (copied in under a temp name, unless {@link #writePending} sent it along, then renamed)
     * and, with {@code test}, runs the test in the same exec: its outcome, or null when it has not run.
     */
    private Outcome writeThen(String app, String content, boolean test) throws java.io.IOException {
        copyDeferred();
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

    /** This image has no sh (its first try ran nothing): every change takes the steps one exec each. */
    private volatile boolean noShell;

    @Override
    boolean canChangeAtOnce(String app, String content) {
        Staged ready = staged;
        return !noShell && ready != null && ready.app().equals(app) && ready.content().equals(content);
    }

    /**
     * The include staged by {@link #writePending} renamed into place, the test, the reload and the record's removal, by one
     * shell in the container (one exec, not three). Null when no shell ran (an image without sh): nothing was done. Each
     * word goes into the script single-quoted, so the shell parses none of it; the script says how far it got on its
     * standard output, one line per step, and the commands' own output goes to its standard error.
     *
     * <p>The script reloads only within {@link #RELOAD_WITHIN} of its start: a test that takes longer (an upstream name
     * resolved at start-up), or a script whose caller gave up waiting for it (an exec goes on without its client), leaves
     * the reload to the caller, which asks its fence again first. Within that time the fence asked before the exec still
     * holds: 5 s is less than the two thirds of the shortest lease (10 s) below which a running holder's heartbeat never
     * lets its lease fall.
     */
    @Override
    AtOnce changeAtOnce(String app, String content) throws java.io.IOException {
        Staged ready = staged;
        Deferred d = deferred;
        if (ready == null || !ready.app().equals(app) || !ready.content().equals(content)) {
            return null;
        }
        staged = null; // whatever happens now, it is no longer waiting under its temp name for a rename
        deferred = null;
        Map<String, byte[]> seenBefore = seen;
        forget();
        Deferred writes = d != null && d.app().equals(app) && d.next().equals(content) ? d : null;
        List<String> drop = new java.util.ArrayList<>(List.of(dir() + "/" + Pending.fileName(app)));
        leftTemps.stream().filter(t -> TEMP.matcher(t).replaceFirst("$1").equals(app)).forEach(t -> drop.add(dir() + "/" + t));
        LookedAt check = unchecked;
        Map<String, byte[]> before = check != null ? check.files() : writes != null && writes.readUnderLock() != null ? writes.readUnderLock()
                : seenBefore;
        String first = check == null ? "" : guard(dir(), check.files());
        String script = script(first + (writes == null ? "" : written(dir() + "/" + Pending.fileName(app), writes.record(), dir() + "/" + tempName(app),
                dir() + "/" + ready.temp(), writes.next())),
                dir() + "/" + ready.temp(), file(app), spec.router().test(), spec.router().reload(), drop, RELOAD_WITHIN);
        Exec.Result r;
        try {
            // Its own limit and a second, then the reload's and the removal's time: the script has stopped or reloaded by then.
            Duration wait = spec.router().commandTimeout().multipliedBy(3).plus(RELOAD_WITHIN).plusSeconds(1);
            r = Exec.run(docker, container, List.of("sh", "-c", script), wait, true,
                    "sh: mv, " + String.join(" ", spec.router().test()) + ", " + String.join(" ", spec.router().reload()) + ", rm");
        } catch (DockerException e) {
            if (check != null) { // what follows reads the directory again and settles what the exec left first
                unchecked = null;
                seen = null;
                cutShortFromKeptRead = true;
            }
            throw new java.io.IOException("in the nginx container " + container + ": " + describe(e), e);
        }
        List<String> steps = r.stdout().lines().toList();
        if (steps.contains(CHANGED)) {
            unchecked = null;
            seen = null; // nothing was written: the change starts again from a read under the lock
            return new AtOnce(Reached.CHANGED, new Outcome(0, ""));
        }
        boolean ran = steps.contains(RENAMED) || steps.contains(NOT_RENAMED) || steps.contains(RECORDED) || steps.contains(NOT_RECORDED);
        if (ran) {
            unchecked = null; // the check passed: the directory was as read
        } else if (check != null) {
            noShell = true; // nothing ran, the check neither: the change starts again from a read under the lock, one exec a step
            unchecked = null;
            seen = null;
            return new AtOnce(Reached.CHANGED, new Outcome(0, ""));
        }
        if (!ran || steps.contains(NOT_RECORDED)) {
            // No shell: nothing ran. Or the record could not be written (a shell cannot say why): nothing was renamed. Either
            // way the steps one by one go on from here, and their copy says why, in the engine's words, if it fails too.
            noShell |= !ran;
            staged = ready;
            deferred = d;
            return null;
        }
        Outcome outcome = new Outcome(steps.contains(LATE) ? 0 : r.exitCode(), r.stderr().strip()); // late: its test passed
        Reached reached = steps.contains(DROPPED) ? Reached.DONE : steps.contains(RELOADED) ? Reached.RELOADED
                : steps.contains(RELOAD_FAILED) ? Reached.RELOAD_FAILED : steps.contains(LATE) ? Reached.TESTED
                : steps.contains(REJECTED) ? Reached.REJECTED : steps.contains(NOT_RENAMED) ? Reached.NOT_RENAMED : null;
        if (reached == null) {
            throw new java.io.IOException("the shell in the nginx container " + container + " stopped after the rename (exit " + r.exitCode()
                    + "): " + outcome.output());
        }
        if (reached == Reached.DONE && before != null && writes != null
                && before.keySet().stream().allMatch(name -> ListenClaims.appOf(name) != null)) {
            Map<String, byte[]> after = new java.util.TreeMap<>(before);
            after.put(NginxInclude.fileName(app), content.getBytes(StandardCharsets.UTF_8));
            after.remove(Pending.fileName(app));
            nowKnown(Map.copyOf(after));
        }
        return new AtOnce(reached, outcome);
    }

    /**
     * The one-exec change's script: {@code before} (see {@link #written}), {@code mv temp include}, the test, the reload if it is still within {@code within} of
     * the start, {@code rm} of {@code drop}. Each step's marker goes on a line of its own to standard output; the commands'
     * output goes to standard error.
     */
    static String script(String before, String temp, String include, List<String> test, List<String> reload, List<String> drop,
                         Duration within) {
        // No clock counts as late: the caller reloads. Fd 3 carries the steps, closed for the commands.
        return "exec 3>&1 1>&2\n"
                + CLOCK.replace("$v", "s")
                + before
                + "mv -f " + quoted(List.of(temp, include)) + " || { " + mark(NOT_RENAMED) + "; exit 1; }\n"
                + mark(RENAMED) + "\n"
                + quoted(test) + " 3>&- || { c=$?; " + mark(REJECTED) + "; exit $c; }\n"
                + CLOCK.replace("$v", "n")
                + "[ -n \"$s\" ] && [ -n \"$n\" ] && [ \"$n\" -le $((s + " + within.toSeconds() + ")) ] || { " + mark(LATE) + "; exit 0; }\n"
                + quoted(reload) + " 3>&- || { c=$?; " + mark(RELOAD_FAILED) + "; exit $c; }\n"
                + mark(RELOADED) + "\n"
                + "rm -f " + quoted(drop) + " || exit 1\n"
                + mark(DROPPED) + "\n";
    }

    /**
     * The script's first lines where {@link #writePending} left the writing to it: the next include (0644) under
     * {@code temp}, then the record (0600) written whole under {@code recordTemp} and renamed into place. The record is in
     * place before the rename, as a copy would have put it. When either cannot be written, both temp files go and nothing
     * else happens: a shell cannot say why, so the caller copies them in instead, and the engine says it.
     */
    static String written(String record, String recordText, String recordTemp, String temp, String next) {
        return "umask 022\n"
                + "printf '%s' " + quoted(List.of(next)) + " > " + quoted(List.of(temp)) + " || { rm -f " + quoted(List.of(temp)) + "; "
                + mark(NOT_RECORDED) + "; exit 1; }\n"
                + "umask 077\n"
                + "printf '%s' " + quoted(List.of(recordText)) + " > " + quoted(List.of(recordTemp)) + " && mv -f "
                + quoted(List.of(recordTemp, record)) + " || { rm -f " + quoted(List.of(recordTemp, temp)) + "; " + mark(NOT_RECORDED) + "; exit 1; }\n"
                + mark(RECORDED) + "\n";
    }

    static final String RECORDED = "<<protostar-recorded>>";
    static final String NOT_RECORDED = "<<protostar-not-recorded>>";

    /**
     * Whole seconds into {@code $v} from a clock that only moves forward: the kernel's uptime, read by the shell itself (a
     * {@code date} is a process more, 20-50 ms in a busy container, and the script read it twice); {@code date} where
     * /proc/uptime cannot be read; empty when neither works.
     */
    private static final String CLOCK = "$v= ; { read $v _ < /proc/uptime; } 2>/dev/null && $v=${$v%%.*} || $v=$(date +%s 2>/dev/null) || $v=\n"
            + "case \"$$v\" in ''|*[!0-9]*) $v= ;; esac\n";

    /** How long after its start the one-exec change may still reload (see {@link #changeAtOnce}). */
    static final Duration RELOAD_WITHIN = Duration.ofSeconds(5);
    static final String REJECTED = "<<protostar-rejected>>";
    static final String LATE = "<<protostar-tested-late>>";
    static final String RELOAD_FAILED = "<<protostar-reload-failed>>";
    static final String RELOADED = "<<protostar-reloaded>>";
    static final String DROPPED = "<<protostar-dropped>>";

    private static String mark(String marker) {
        return "echo '" + marker + "' >&3";
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
        checked();
        try {
            Exec.Result r = Exec.run(docker, container, spec.router().test(), spec.router().commandTimeout(), true);
            return new Outcome(r.exitCode(), r.output());
        } catch (DockerException e) {
            throw new RouterException(describe(e) + "; nothing was reloaded", e);
        }
    }

    @Override
    Outcome reload() {
        checked();
        try {
            Exec.Result r = Exec.run(docker, container, spec.router().reload(), spec.router().commandTimeout(), true);
            return new Outcome(r.exitCode(), r.output());
        } catch (DockerException e) {
            throw new ReloadOutcomeUnknown(describe(e) + "; the previous include was put back");
        }
    }

    @Override
    void serialized(Runnable work) {
        released();
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
        try {
            holding(lock, work);
        } finally {
            releaseBeside(lock);
        }
    }

    /**
     * The router lock's removal under way beside what the command does next (nginx's first answer), per engine and nginx
     * container in this process: the next change on that nginx here, of any app, waits for it rather than find the lock
     * still there and back off.
     */
    private static final Map<String, CompletableFuture<Void>> RELEASING = new java.util.concurrent.ConcurrentHashMap<>();

    private String releaseKey() {
        return docker.host() + "\n" + container;
    }

    /**
     * Removes the router's lock beside the confirmation that follows a change (a removal takes 50-150 ms under load);
     * the next change, and the end of the command ({@link #finish}), wait for it. Another app's change waits for it as
     * it waited before; a process that dies first leaves the lock to be taken over, as when it dies holding it.
     */
    private void releaseBeside(EngineLock lock) {
        CompletableFuture<Void> release = new CompletableFuture<>();
        RELEASING.put(releaseKey(), release);
        Runnable work = () -> {
            try {
                lock.close();
                release.complete(null);
            } catch (RuntimeException | Error e) {
                release.completeExceptionally(e);
            }
        };
        try {
            Thread t = new Thread(work, "protostar-router-release");
            t.setDaemon(true);
            t.start();
        } catch (RuntimeException | Error noThread) {
            work.run(); // no thread to be had: released here and now, as before
        }
    }

    /** Returns once the router lock taken on this nginx in this process is released (or could not be: then said; its lease ends it). */
    private void released() {
        CompletableFuture<Void> under = RELEASING.get(releaseKey());
        if (under == null) {
            return;
        }
        try {
            Uninterrupted.run(under::join);
        } catch (java.util.concurrent.CompletionException e) {
            note("could not release the lock of nginx " + container + ": " + (e.getCause() == null ? e : e.getCause()).getMessage());
        } finally {
            RELEASING.remove(releaseKey(), under);
        }
    }

    @Override
    public void finish() {
        released();
    }

    /** Runs {@code work} with {@code lock} as this router's: reads of the directory under it are kept until a write. */
    private void holding(EngineLock lock, Runnable work) {
        LookedAt own = lookedAt;
        holding(lock, work, own, own != null);
    }

    /**
     * @param ownRead this router's read before its own lock (null under another's: a change of a group made in turn)
     * @param newestToo whether the change may start from {@link #NEWEST} instead, where that is newer: a change (not a
     *     settle, which must see records, and NEWEST has none) that started from a read before the lock, or one of a group
     *     made in turn; its one exec checks what it started from first
     */
    private void holding(EngineLock lock, Runnable work, LookedAt ownRead, boolean newestToo) {
        held = lock;
        known = null; // until a one-exec change ends whole
        forget();
        LookedAt newest = newestToo ? NEWEST.get(directoryKey()) : null;
        LookedAt before = ownRead == null || newest != null && newest.nanos() - ownRead.nanos() > 0 ? newest : ownRead;
        startsFromNewest = before != null && before == newest;
        lookedAt = null;
        if (before != null && !noShell && System.nanoTime() - before.nanos() < TRUSTED_FOR.toNanos()
                && guard(dir(), before.files()).getBytes(StandardCharsets.UTF_8).length < GUARD_CARRIES) {
            seen = new java.util.LinkedHashMap<>(before.files());
            seenWhole = true; // as the exec's check will find it, or the change starts again
            unchecked = before;
        }
        try {
            work.run();
        } finally {
            unchecked = null;
            startsFromNewest = false;
            held = null;
            staged = null;
            deferred = null;
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
        holding(((NginxContainerRouter) holder).held, work, null, true);
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
