package dev.protostar.core.router;

import dev.protostar.core.CrashPoint;
import dev.protostar.core.Uninterrupted;
import dev.protostar.core.http.HttpProbe;
import dev.protostar.core.spec.AppSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What every nginx router does with an app's include, under a lock that keeps every other change to the
 * same nginx out: finish what a change cut short left behind, check the fence, leave a {@link Pending}
 * record of what to put back, put the new file in place, test the whole config, reload, and drop the
 * record. On any failure the previous file goes back, and when the reload may have reached nginx, it is
 * loaded again so nginx and the file agree. Subclasses say where the files live and how commands run.
 */
public abstract class NginxRouter implements Router {
    protected final AppSpec spec;
    private Fence fence = Fence.NONE;
    private Consumer<String> notes = note -> {};
    /** The include's probe token, once read or written (see {@link NginxInclude#render(AppSpec, Route, String)}). */
    private volatile String probeToken;
    /** Whether the app's include has a preview, as last read or written here; null before either. */
    private volatile Boolean previewing;

    NginxRouter(AppSpec spec) {
        this.spec = spec;
    }

    /** The include's text, or null when there is none. */
    abstract String read(String app);

    /** Puts {@code content} in place as {@code app}'s include atomically (null: removes the file). */
    abstract void write(String app, String content) throws IOException;

    /** The pending records in the include directory: file name → text (any app's, torn ones too). */
    abstract Map<String, String> pending();

    /** Writes the pending record of {@code app}'s change (atomically, or torn in a way {@link Pending#parse} refuses). */
    abstract void writePending(String app, String text) throws IOException;

    /**
     * {@link #write}, and a router that can may run {@link #test} in the same step, after the write: its outcome, or null
     * when the test is still to run.
     */
    Outcome writeAndTest(String app, String content) throws IOException {
        write(app, content);
        return null;
    }

    /**
     * Writes the pending record of a change to {@code next}, before {@link #write} puts {@code next} in place. A router
     * may send {@code next} along in the same copy, where nginx never reads it, for {@link #write} to move into place; or
     * leave both to {@link #changeAtOnce}, which writes them first, and copy them in before any other step.
     */
    void writePending(String app, String text, String next) throws IOException {
        writePending(app, text);
    }

    /** Removes a pending record by its file name. */
    abstract void removePending(String fileName) throws IOException;

    /** Runs nginx's config test; exit code and output. Must not be cut short by an interrupt. */
    abstract Outcome test();

    /** Runs the reload; throws {@link ReloadOutcomeUnknown} when it did not finish. Must not be cut short by an interrupt. */
    abstract Outcome reload();

    /** Runs {@code work} while no other change to this nginx (any app, any process) runs. */
    abstract void serialized(Runnable work);

    /** Where {@code app}'s include lives, for messages. */
    abstract String where(String app);

    /** Null while this process still holds the router's lock (checked right before a reload), else why not. */
    String routerLockLost() {
        return null;
    }

    /** Every app's include on this nginx, app to text, read in one go (for {@link ListenClaims}). */
    abstract java.util.Map<String, String> includes();

    /** Why nginx could not listen on an address it does not serve yet, if it could not (for {@link ListenClaims}). */
    abstract Optional<String> listenProblem(ListenClaims.Address address);

    record Outcome(int exitCode, String output) {}

    /**
     * How far {@link #changeAtOnce} got: the step it stopped at, and that step's exit code and output; {@code CHANGED}:
     * nothing done, as the include directory was no longer as read before the router lock.
     */
    enum Reached { CHANGED, NOT_RENAMED, REJECTED, TESTED, RELOAD_FAILED, RELOADED, DONE }

    record AtOnce(Reached reached, Outcome outcome) {}

    /**
     * Under the router lock, before a change decides anything: the include directory is read again rather than taken as a
     * read before the lock found it (where this router starts from such a read, only a one-exec change checks it).
     */
    void readAfresh() {}

    /** Whether the change under way starts from a read before the router lock that nothing has checked yet. */
    boolean startsFromKeptRead() {
        return false;
    }

    /** Whether the one exec that started from such a read was cut short (asked once): its leavings are settled afresh. */
    boolean cutShortFromKeptRead() {
        return false;
    }

    /** Whether a change of {@code app} to {@code next} is likely to go in one exec ({@link #changeAtOnce}), before it is recorded. */
    boolean mayChangeAtOnce(String app, String next) {
        return false;
    }

    /** Whether {@link #changeAtOnce} may take the change to {@code content} that {@link #writePending} just recorded. */
    boolean canChangeAtOnce(String app, String content) {
        return false;
    }

    /**
     * The rest of a change after its record, in one step where this router can take it so: {@code content} renamed into
     * place, {@link #test}, {@link #reload}, the record removed, each only if the one before it succeeded; it may stop
     * after the test ({@link Reached#TESTED}), leaving the reload to the caller. Null when it could not run after all
     * (nothing was done; the caller takes the steps one by one). Throws when the step did not finish: any of it may have
     * run.
     */
    AtOnce changeAtOnce(String app, String content) throws IOException {
        return null;
    }

    @Override
    public void fencedBy(Fence fence) {
        this.fence = fence;
    }

    @Override
    public void reportTo(Consumer<String> notes) {
        this.notes = notes;
    }

    void note(String text) {
        notes.accept(text);
    }

    @Override
    public Optional<Route> current(String app) {
        String text = read(app);
        if (app.equals(spec.app())) {
            previewing = text != null && NginxInclude.preview(text).isPresent();
            if (text != null) {
                NginxInclude.probeToken(text).ifPresent(this::knownToken);
            }
        }
        return text == null ? Optional.empty() : NginxInclude.parse(text);
    }

    /** The token the include on nginx was written with; null when there is none (no include, or one from before tokens). */
    private String probeToken() {
        String known = probeToken;
        if (known == null) {
            String text = read(spec.app());
            known = text == null ? null : NginxInclude.probeToken(text).orElse(null);
            probeToken = known;
        }
        if (known != null) {
            knownToken(known);
        }
        return known;
    }

    private void knownToken(String token) {
        probeToken = token;
        TOKENS.put(groupKey() + "\n" + spec.app(), token);
        if (TOKENS.size() > 256) {
            TOKENS.keySet().stream().findAny().ifPresent(TOKENS::remove);
        }
    }

    /**
     * The probe tokens earlier commands of this process found in apps' includes, by nginx and app (an include keeps its
     * token from one change to the next): only for {@link #askIfKnown}, which a wrong one costs nothing but the answer's
     * headers. Every other use reads the include's own.
     */
    private static final Map<String, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public Optional<Answer> askIfKnown(String path, Duration timeout) {
        String token = probeToken;
        if (token == null) {
            token = TOKENS.get(groupKey() + "\n" + spec.app());
        }
        return token == null ? Optional.empty() : Optional.of(ask(path, timeout, Map.of(Answer.PROBE, token)));
    }

    /** The include for {@code route}, keeping the token in place (a new one for a first include or an old one without). */
    private String render(Route route) {
        return NginxInclude.render(spec, route, tokenToWrite());
    }

    /** The token in place, or a new one for a first include or an old one without. */
    private String tokenToWrite() {
        String token = probeToken();
        if (token == null) {
            token = NginxInclude.newProbeToken();
            knownToken(token);
        }
        return token;
    }

    private Map<String, String> probeHeaders() {
        String token = probeToken();
        return token == null ? Map.of() : Map.of(Answer.PROBE, token);
    }

    @Override
    public Answer askPreview(String path, Duration timeout) {
        String token = probeToken();
        if (token == null) {
            throw new IllegalStateException("no preview to ask: the include has no probe token");
        }
        return ask(path, timeout, Map.of(Answer.PROBE, token, Answer.PREVIEW, token));
    }

    @Override
    public boolean writtenAsIs(Route route) {
        String text = read(spec.app());
        String token = text == null ? null : NginxInclude.probeToken(text).orElse(null);
        // A preview a deploy cut short left in place is ours too: the next deploy or switch ends it.
        String preview = text == null || token == null ? null : NginxInclude.preview(text).orElse(null);
        String rendered = NginxInclude.render(spec, route, token, preview);
        return Objects.equals(text, rendered) || NginxInclude.sameBeforePreviews(text, rendered);
    }

    @Override
    public String where() {
        return where(spec.app());
    }

    @Override
    public void apply(Route route) {
        change(render(route), false, "switch");
    }

    @Override
    public void restore(Optional<Route> previous) {
        change(previous.map(this::render).orElse(null), true, "switchback");
    }

    @Override
    public void preview(Optional<Route> live, String endpoint) {
        change(NginxInclude.render(spec, live.orElse(null), tokenToWrite(), endpoint), false, "preview");
    }

    @Override
    public Optional<String> endPreview(Optional<Route> live) {
        if (Boolean.FALSE.equals(previewing)) {
            return Optional.empty(); // as read or written by this command: saves a read (an exec, with nginx in a container)
        }
        String text = read(spec.app());
        Optional<String> previewed = text == null ? Optional.empty() : NginxInclude.preview(text);
        if (previewed.isPresent()) {
            change(live.map(this::render).orElse(null), true, "unpreview");
        }
        previewing = false;
        return previewed;
    }

    @Override
    public List<String> settle() {
        if (pending().keySet().stream().noneMatch(name -> Pending.appOf(name).filter(spec.app()::equals).isPresent())) {
            // The common case, without taking the router's lock; and another app's record alone, which may be that app's change
            // under way (waiting for its lock would cost this command that whole change): the next change here settles it first.
            return List.of();
        }
        List<String> done = new ArrayList<>();
        Uninterrupted.run(() -> serialized(() -> {
            readAfresh(); // from the directory as it is: a record is never in what a change left (NEWEST)
            done.addAll(settleNow());
        }));
        return done;
    }

    @Override
    public List<String> unfinished() {
        List<String> out = new ArrayList<>();
        for (String text : pending().values()) {
            Pending.parse(text).filter(p -> p.app().equals(spec.app())).ifPresent(p -> out.add("a change of " + p.app() + " by " + p.who() + " did not finish (its process "
                    + "died or lost its lock mid-change); the next deploy or switch on this nginx puts " + where(p.app()) + " back to "
                    + describe(p.restore())));
        }
        return out;
    }

    /**
     * @param completeIfCut true for a switch-back: if it is cut short, the next change puts {@code next} in
     *     place (completes it) instead of the file before it
     */
    private void change(String next, boolean completeIfCut, String step) {
        previewing = null; // unknown until the change is through: whatever ends it, read the file again
        // A half-done change is worse than a late one: an abort's interrupt waits until the previous
        // state is back or the new one is loaded (every command still has its deadline).
        ChangeGroup.Change mine = new ChangeGroup.Change(this, next, completeIfCut, step);
        loadedWithOthers = 0;
        gathered = 0;
        mine.announced = coming; // queued, it is awaited no longer
        coming = null;
        Uninterrupted.run(() -> ChangeGroup.of(groupKey()).make(mine));
        loadedWithOthers = mine.others;
        gathered = mine.gathered;
        previewing = next != null && NginxInclude.preview(next).isPresent();
    }

    private volatile int loadedWithOthers;
    private volatile long gathered;
    private volatile ChangeGroup.Coming coming;

    @Override
    public int loadedWithOthers() {
        return loadedWithOthers;
    }

    @Override
    public long waitedForOthers() {
        return gathered;
    }

    @Override
    public void changeComing() {
        if (coming == null && groupsPay()) {
            coming = ChangeGroup.of(groupKey()).announce(spec.app());
        }
    }

    @Override
    public void changeNotComing() {
        ChangeGroup.Coming c = coming;
        coming = null;
        if (c != null) {
            c.close();
        }
    }

    /**
     * Whether changes loaded together cost less than one after the other: then a group is loaded with one test and one
     * reload, and a leader waits for the changes announced to it ({@link #changeComing}); else a group's changes are made
     * in turn, each as it would be alone, under one hold of the lock. True for nginx on the host.
     */
    boolean groupsPay() {
        return true;
    }

    /** Names the nginx this router changes, the same for every app's router of this JVM on it (see {@link ChangeGroup}). */
    abstract String groupKey();

    /**
     * Runs {@code work} on this router under the lock {@code holder} (another app's router on the same nginx) holds, as
     * if it held it: what it read under it, and whether it still holds it.
     */
    void underLockOf(NginxRouter holder, Runnable work) {
        work.run();
    }

    /**
     * Under the router lock, with this router leading: settles what dead changes left, then makes every change of the
     * group, each ended with its outcome. One change goes as it always did; several are written in turn and loaded with
     * one test and one reload.
     */
    void makeAll(List<ChangeGroup.Change> group) {
        ChangeGroup.Change first = group.get(0);
        boolean inTurn = group.size() > 1 && !groupsPay();
        if (group.size() > 1 && !inTurn || first.next == null || !first.router.mayChangeAtOnce(first.router.spec.app(), first.next)) {
            // Only a lone change in one exec checks what it started from: anything else is decided on a read under the lock.
            readAfresh();
        }
        List<String> settled;
        try {
            settled = settleNow();
        } catch (RuntimeException e) {
            group.forEach(c -> c.end(e));
            return;
        }
        settled.forEach(notes);
        if (group.size() == 1) {
            alone(group.get(0));
            return;
        }
        if (inTurn) { // each its own test and reload, under this one hold of the lock
            for (int i = 0; i < group.size(); i++) {
                ChangeGroup.Change c = group.get(i);
                alone(c);
                if (c.failed() && i + 1 < group.size()) {
                    // What it could not put back is settled before the next one tests, as the next hold would.
                    try {
                        readAfresh();
                        settleNow().forEach(notes);
                    } catch (RuntimeException e) {
                        group.subList(i + 1, group.size()).forEach(rest -> rest.end(e));
                        return;
                    }
                }
            }
            return;
        }
        together(group);
    }

    /** {@code c} on its own: its own test and reload. */
    private void alone(ChangeGroup.Change c) {
        c.make(() -> c.router.underLockOf(this, () -> c.router.changeNow(c.next, c.completeIfCut, c.step)));
    }

    /** A change of a group, written and not yet loaded, and the include it replaced. */
    private record Written(ChangeGroup.Change change, String previous) {
        NginxRouter router() {
            return change.router;
        }
    }

    /** Writes every change of the group, then tests and reloads once for all that were written. */
    private void together(List<ChangeGroup.Change> group) {
        Map<String, String> claims = new java.util.TreeMap<>(includes()); // with the group's own, as each is written
        List<Written> written = new ArrayList<>();
        for (ChangeGroup.Change c : group) {
            String[] previous = new String[1];
            if (c.attempt(() -> c.router.underLockOf(this, () -> previous[0] = c.router.writeOnly(c.next, c.completeIfCut, c.step, claims)))) {
                written.add(new Written(c, previous[0]));
                if (c.next == null) {
                    claims.remove(c.router.spec.app());
                } else {
                    claims.put(c.router.spec.app(), c.next);
                }
            }
        }
        if (written.isEmpty()) {
            return;
        }
        Tested tested = test(written);
        if (tested != Tested.PASSED) {
            if (tested == Tested.REJECTED) {
                oneByOne(written); // an include, or nginx's own configuration, is wrong: each change on its own says which
            }
            return;
        }
        // Checked again right before the reload: a holder paused since its first check must not reload now.
        List<Written> loading = new ArrayList<>();
        for (Written w : written) {
            String lost = w.router().lostBeforeReload(this);
            if (lost == null) {
                loading.add(w);
            } else {
                w.change().attempt(() -> {
                    putBack(w);
                    throw new RouterException.FencedOff(lost + "; the include was put back and nothing was reloaded");
                });
            }
        }
        if (loading.isEmpty()) {
            return;
        }
        if (loading.size() < written.size()) { // tested with includes now put back: test again without them
            tested = test(loading);
            if (tested != Tested.PASSED) {
                if (tested == Tested.REJECTED) {
                    oneByOne(loading);
                }
                return;
            }
        }
        try {
            reloadNow();
        } catch (RuntimeException e) {
            reloadFailed(loading, e);
            return;
        }
        loading.forEach(w -> w.change().others = loading.size() - 1);
        loading.forEach(w -> CrashPoint.reach(w.change().step + ".reloaded"));
        loading.forEach(w -> w.change().make(() -> w.router().underLockOf(this, () -> w.router().dropRecord(w.router().spec.app(), w.change().next))));
    }

    /** How nginx's test of a group's includes went. */
    private enum Tested { PASSED, REJECTED, ENDED }

    /**
     * nginx's test with the group's includes in place. A test that did not run or finish ends every change of the group
     * with its include put back, as a single change's would ({@code ENDED}).
     */
    private Tested test(List<Written> group) {
        try {
            return test().exitCode() == 0 ? Tested.PASSED : Tested.REJECTED;
        } catch (RuntimeException e) {
            group.forEach(w -> w.change().attempt(() -> {
                putBack(w);
                throw e;
            }));
            return Tested.ENDED;
        }
    }

    /** Puts each include back, then makes each change on its own (its own test and reload). */
    private void oneByOne(List<Written> group) {
        List<ChangeGroup.Change> back = new ArrayList<>();
        for (Written w : backwards(group)) { // as in reloadFailed
            if (w.change().attempt(() -> putBack(w))) {
                back.add(w.change());
            }
        }
        backwards(back).forEach(this::alone);
    }

    private static <T> List<T> backwards(List<T> list) {
        List<T> out = new ArrayList<>(list);
        java.util.Collections.reverse(out);
        return out;
    }

    /** The include before {@code w}, and no record of it: as if it was never written. */
    private void putBack(Written w) {
        w.router().underLockOf(this, () -> {
            w.router().restoreAfter(w.previous(), "putting back a change of a group before it goes on its own", WRITE_FIX);
            w.router().removeQuietly(Pending.fileName(w.router().spec.app()));
        });
    }

    /** As a single change's failed reload: every include back, and loaded again when the reload may have reached nginx. */
    private void reloadFailed(List<Written> group, RuntimeException e) {
        java.util.Map<ChangeGroup.Change, RuntimeException> failures = new java.util.HashMap<>();
        for (Written w : backwards(group)) { // the same app twice (one whose lock lapsed): its oldest include ends in place
            try {
                w.router().underLockOf(this, () -> w.router().restoreAfter(w.previous(), e.getMessage(), null));
            } catch (RuntimeException restore) {
                failures.put(w.change(), restore);
            }
        }
        if (!failures.isEmpty()) {
            // An include may still be the new one: every record stays, and the next change on this nginx puts each back and
            // reloads; loading now could load that include.
            group.forEach(w -> w.change().end(failures.getOrDefault(w.change(), new RouterException(e.getMessage()
                    + "\nPutting another app's include of the same reload back failed; the next deploy or switch on this nginx "
                    + "puts every include of it back and reloads.", e, true))));
            return;
        }
        RuntimeException all = e;
        if (e instanceof ReloadOutcomeUnknown) {
            try {
                testAndReload();
            } catch (RuntimeException again) {
                all = new RouterException(e.getMessage() + "\nReloading the previous include also failed: "
                        + again.getMessage() + "\nCheck nginx now.", again, true);
            }
        }
        for (Written w : group) {
            w.router().underLockOf(this, () -> w.router().removeQuietly(Pending.fileName(w.router().spec.app())));
            w.change().end(all);
        }
    }

    /**
     * The first half of {@link #changeNow}, for a change of a group: fence, listen claims ({@code claims}: every include as
     * the group leaves them so far), record, include in place; no test or reload. Returns the include it replaced.
     */
    private String writeOnly(String next, boolean completeIfCut, String step, Map<String, String> claims) {
        String app = spec.app();
        String previous = recorded(next, completeIfCut, step, claims);
        try {
            write(app, next);
        } catch (IOException | RuntimeException e) {
            String why = "cannot write the nginx include " + where() + ": " + e.getMessage();
            restoreAfter(previous, why, WRITE_FIX);
            removeQuietly(Pending.fileName(app));
            throw new RouterException(why + "; the previous include is in place and nothing was reloaded. " + WRITE_FIX, e);
        }
        CrashPoint.reach(step + ".renamed");
        return previous;
    }

    /** Under the router lock: every pending record is a change whose command no longer holds this lock. */
    private List<String> settleNow() {
        Map<String, String> left = pending();
        if (left.isEmpty()) {
            return List.of();
        }
        List<String> done = new ArrayList<>();
        List<String> whole = new ArrayList<>();
        for (Map.Entry<String, String> e : left.entrySet()) {
            Optional<Pending> p = Pending.parse(e.getValue());
            if (p.isEmpty()) {
                // Torn while it was written: its change never got further, so nothing moved.
                removeQuietly(e.getKey());
                continue;
            }
            try {
                write(p.get().app(), p.get().restore());
            } catch (IOException | RuntimeException ex) {
                throw new RouterException("a change of " + p.get().app() + " by " + p.get().who() + " did not finish, and putting "
                        + where(p.get().app()) + " back failed: " + ex.getMessage() + ". Nothing else was changed. " + WRITE_FIX, ex);
            }
            whole.add(e.getKey());
            done.add("a change of " + p.get().app() + " by " + p.get().who() + " did not finish (its process died or lost its lock "
                    + "mid-change): " + where(p.get().app()) + " is back to " + describe(p.get().restore()) + " and nginx reloaded");
        }
        if (whole.isEmpty()) {
            return done;
        }
        try {
            testAndReload();
        } catch (RuntimeException ex) {
            throw new RouterException("a change that did not finish was put back, but nginx " + ex.getMessage()
                    + "\nThe records of what to put back stay in " + spec.router().includeDir() + " (.protostar-*.pending); "
                    + "the next deploy or switch tries again.", ex, true);
        }
        CrashPoint.reach("settle.reloaded");
        whole.forEach(this::removeQuietly);
        return done;
    }

    private static String describe(String include) {
        return include == null ? "no route" : NginxInclude.parse(include).map(r -> r.color() + " (" + r.endpoint() + ")").orElse("its previous text");
    }

    private void removeQuietly(String pendingFile) {
        try {
            removePending(pendingFile);
        } catch (IOException | RuntimeException e) {
            // It names what is in place by now, so settling it again later changes nothing.
        }
    }

    /**
     * A change's first steps: the fence, the listen claims against {@code claims} (every app's include), and the pending
     * record of what to put back. Returns the include it is about to replace.
     */
    private String recorded(String next, boolean completeIfCut, String step, Map<String, String> claims) {
        String refused = fence.lost();
        if (refused != null) {
            throw new RouterException.FencedOff(refused + "; nothing was changed on nginx");
        }
        ListenClaims.check(spec.app(), next, claims, this::listenProblem);
        String app = spec.app();
        String previous = read(app);
        try {
            writePending(app, new Pending(app, fence.who(), completeIfCut ? next : previous).text(), next);
        } catch (IOException | RuntimeException e) {
            removeQuietly(Pending.fileName(app));
            String why = "cannot write the nginx include's pending record in " + spec.router().includeDir() + ": " + e.getMessage();
            throw new RouterException(why + "; the include is unchanged and nothing was reloaded. " + WRITE_FIX, e);
        }
        CrashPoint.reach(step + ".recorded");
        return previous;
    }

    /**
     * Why this router's change may not reload now, or null: its fence ({@link Fence#lostBeforeReload}, asked once), then
     * whether {@code holder}, whose lock the change is made under, still holds it.
     */
    private String lostBeforeReload(NginxRouter holder) {
        String lost = fence.lostBeforeReload();
        return lost != null ? lost : holder.routerLockLost();
    }

    /** @param step how its crash points are named: {@code <step>.recorded}, {@code .renamed}, {@code .reloaded} */
    private void changeNow(String next, boolean completeIfCut, String step) {
        String app = spec.app();
        if (startsFromKeptRead() && (next == null || !mayChangeAtOnce(app, next))) {
            readAfresh(); // not foreseen by makeAll: what it settled is settled again on the read under the lock
            settleNow().forEach(notes);
        }
        String previous;
        try {
            previous = recorded(next, completeIfCut, step, includes());
        } catch (RouterException refused) {
            if (!startsFromKeptRead() || refused instanceof RouterException.FencedOff) {
                throw refused;
            }
            // Refused on the read before the lock (an app's listen since gone, say): judged again on a read under it.
            readAfresh();
            settleNow().forEach(notes);
            previous = recorded(next, completeIfCut, step, includes());
        }
        AtOnce done = next != null && canChangeAtOnce(app, next) ? atOnce(app, previous, next, step) : null;
        if (done != null && done.reached() == Reached.CHANGED) {
            // Read before the router lock, and changed since: settled and made again from a read under it.
            settleNow().forEach(notes);
            changeNow(next, completeIfCut, step);
            return;
        }
        if (done != null && done.reached() != Reached.TESTED) {
            return;
        }
        Outcome tested;
        try {
            tested = done != null ? done.outcome() : writeAndTest(app, next); // tested, and not reloaded in time: the steps go on here
        } catch (IOException | RuntimeException e) {
            // The write may have landed (a rename that timed out, say): put the previous file back either way.
            String lost = fence.lost() != null ? fence.lost() : routerLockLost();
            if (lost != null) { // its lease ran out meanwhile and the next holder tidied up after it: not a disk problem
                restoreAfter(previous, lost, WRITE_FIX);
                removeQuietly(Pending.fileName(app));
                throw new RouterException.FencedOff(lost + "; the include was put back and nothing was reloaded");
            }
            String fix = e instanceof TestUnfinished ? TEST_FIX : WRITE_FIX;
            String why = (e instanceof TestUnfinished ? "" : "cannot write the nginx include " + where() + ": ") + e.getMessage();
            restoreAfter(previous, why, fix);
            removeQuietly(Pending.fileName(app));
            throw new RouterException(why + "; the previous include is in place and nothing was reloaded. " + fix, e);
        }
        CrashPoint.reach(step + ".renamed");
        // Checked again right before the reload: a holder paused since its first check must not reload now.
        String lostSince = lostBeforeReload(this);
        if (lostSince != null) {
            restoreAfter(previous, lostSince, WRITE_FIX);
            removeQuietly(Pending.fileName(app));
            throw new RouterException.FencedOff(lostSince + "; the include was put back and nothing was reloaded");
        }
        try {
            testAndReload(tested);
        } catch (RuntimeException e) {
            restoreAfter(previous, e.getMessage(), null);
            if (e instanceof ReloadOutcomeUnknown) {
                try {
                    testAndReload();
                } catch (RuntimeException again) {
                    throw new RouterException(e.getMessage() + "\nReloading the previous include also failed: "
                            + again.getMessage() + "\nCheck nginx now.", again, true);
                }
            }
            removeQuietly(Pending.fileName(app));
            throw e;
        }
        CrashPoint.reach(step + ".reloaded");
        dropRecord(app, next);
    }

    /**
     * The change after its record in one step ({@link #changeAtOnce}), where the router can: an exec in nginx's container
     * costs 100-300 ms, and the rename, test, reload and record's removal took one each. Null when it could not (nothing
     * was done); else how far it got, {@link Reached#TESTED} for the caller to go on from, or loaded. A command killed
     * during it leaves it to finish in the container (an exec goes on without its client): loaded, or stopped where a
     * step failed or the test was late, with the record that puts the previous include back at the next change. Its
     * crash points are reached after it: loaded, the record gone (the app's own intent then tells the next command what
     * to finish).
     */
    private AtOnce atOnce(String app, String previous, String next, String step) {
        // Asked before the rename now, which the reload follows in the same step (within its limit; else asked again).
        String lost = lostBeforeReload(this);
        if (lost != null) {
            removeQuietly(Pending.fileName(app));
            throw new RouterException.FencedOff(lost + "; nothing was changed on nginx");
        }
        AtOnce done;
        try {
            done = changeAtOnce(app, next);
        } catch (IOException | RuntimeException e) {
            // Cut short somewhere between the rename and the record's removal: put the previous include back and load it.
            String why = "renaming " + where(app) + " into place, testing and reloading nginx did not finish: " + e.getMessage();
            if (cutShortFromKeptRead()) {
                try {
                    settleNow().forEach(notes); // read afresh: a dead change's record, or this one's if it got that far
                } catch (RuntimeException ignored) {
                    // what follows puts this app's include back all the same
                }
            }
            restoreAfter(previous, why, null);
            try {
                testAndReload();
            } catch (RuntimeException again) {
                throw new RouterException(why + "\nReloading the previous include also failed: " + again.getMessage() + "\nCheck nginx now. "
                        + TEST_FIX, again, true);
            }
            removeQuietly(Pending.fileName(app));
            throw new RouterException(why + "; the previous include was put back and nginx reloaded", e, true);
        }
        if (done == null) {
            return null;
        }
        switch (done.reached()) {
            case CHANGED -> {
                return done;
            }
            case NOT_RENAMED -> {
                String why = "cannot write the nginx include " + where() + ": " + done.outcome().output();
                restoreAfter(previous, why, WRITE_FIX);
                removeQuietly(Pending.fileName(app));
                throw new RouterException(why + "; the previous include is in place and nothing was reloaded. " + WRITE_FIX);
            }
            case REJECTED, RELOAD_FAILED -> {
                RouterException failed = done.reached() == Reached.REJECTED ? rejected(done.outcome()) : reloadFailed(done.outcome());
                restoreAfter(previous, failed.getMessage(), null);
                removeQuietly(Pending.fileName(app));
                throw failed;
            }
            case TESTED -> {
                return done;
            }
            case RELOADED, DONE -> {
                CrashPoint.reach(step + ".renamed");
                CrashPoint.reach(step + ".reloaded");
                if (done.reached() == Reached.RELOADED) {
                    dropRecord(app, next);
                }
            }
        }
        return done;
    }

    /**
     * The change is loaded: its record must go, or the next change on this nginx would put the previous include back.
     * If it cannot be removed, it is rewritten to name what is in place now, so settling it changes nothing.
     */
    private void dropRecord(String app, String inPlace) {
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                removePending(Pending.fileName(app));
                return;
            } catch (IOException | RuntimeException e) {
                // an exec that failed for a moment: try again, then fall back to making the record harmless
            }
        }
        try {
            writePending(app, new Pending(app, fence.who(), inPlace).text());
            notes.accept("could not remove the pending record of " + app + " after its reload; it now names what is in place, "
                    + "so the next change on this nginx only reloads it");
        } catch (IOException | RuntimeException e) {
            throw new RouterException("the switch is loaded, but its pending record " + Pending.fileName(app) + " in "
                    + spec.router().includeDir() + " could neither be removed nor rewritten (" + e.getMessage() + "): remove it, "
                    + "or the next change on this nginx puts the previous include back", e, true);
        }
    }

    /** The include was renamed and tested in one step that did not finish (see {@link #writeAndTest}). */
    static final class TestUnfinished extends IOException {
        private static final long serialVersionUID = 1L;

        TestUnfinished(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** What to do when the rename and test did not finish. */
    private static final String TEST_FIX = "Check that nginx -t finishes within router.commandTimeout (an upstream whose "
            + "name nginx resolves at start-up can hold it), then run the deploy or switch again.";

    /** What to do when the include cannot be written. */
    private static final String WRITE_FIX = "Free space on (or make writable) the file system that holds it, "
            + "then run the deploy or switch again.";

    /**
     * @param writeFix after a failed write (nothing reloaded yet): what to do about it; null after a failed test or reload
     */
    private void restoreAfter(String previous, String what, String writeFix) {
        try {
            write(spec.app(), previous);
        } catch (IOException | RuntimeException restore) {
            if (writeFix != null && stillReads(previous)) {
                // Writing fails whatever is written (a full disk, a read-only file system), but the file is the previous
                // one and no reload ran: nothing changed, so this is not a switch that may have happened.
                throw new RouterException(what + "; the previous include is unchanged (read back after putting it back "
                        + "failed too: " + restore.getMessage() + ") and nothing was reloaded. " + writeFix, restore);
            }
            // The new file may stay in place; its pending record stays too, so the next change on this nginx puts it back.
            throw new RouterException(what + "\nPutting the previous include back ALSO failed: "
                    + restore.getMessage() + ". " + where() + " may name the new color; the next deploy or switch on this nginx "
                    + "puts it back, or fix it before nginx reloads.", restore, true);
        }
    }

    /** True when the include reads back as {@code previous} (null: absent); false when it differs or cannot be read. */
    private boolean stillReads(String previous) {
        try {
            return Objects.equals(read(spec.app()), previous);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void testAndReload() {
        testAndReload(null);
    }

    /** @param tested the test's outcome when it ran with the write, else null */
    private void testAndReload(Outcome tested) {
        Outcome test = tested != null ? tested : test();
        if (test.exitCode() != 0) {
            throw rejected(test);
        }
        reloadNow();
    }

    private RouterException rejected(Outcome test) {
        String command = String.join(" ", spec.router().test());
        return new RouterException("nginx rejected the configuration, so nothing was switched and the previous "
                + "include was put back. " + command + " said:\n" + test.output().strip()
                + "\nFix the file and line it names (nginx's own configuration if it is not this app's include), check with "
                + command + ", then run the deploy or switch again.");
    }

    private void reloadNow() {
        Outcome reload = reload();
        if (reload.exitCode() != 0) {
            throw reloadFailed(reload);
        }
    }

    private RouterException reloadFailed(Outcome reload) {
        return new RouterException("nginx reload failed (exit " + reload.exitCode() + "), the previous include was put back. "
                + String.join(" ", spec.router().reload()) + " said:\n" + reload.output());
    }

    /** The reload command did not finish: it may or may not have signalled nginx. */
    static final class ReloadOutcomeUnknown extends RouterException {
        private static final long serialVersionUID = 1L;

        ReloadOutcomeUnknown(String message) {
            super(message, null, true);
        }
    }

    @Override
    public Answer ask(String path, Duration timeout) {
        return ask(path, timeout, probeHeaders());
    }

    private Answer ask(String path, Duration timeout, Map<String, String> headers) {
        try {
            return Answer.of(path().get(url(), path, hostHeader(), headers, timeout));
        } catch (ContainerPath.NoProbeClient e) {
            throw new RouterException(e.getMessage(), e);
        } catch (IOException e) {
            return Answer.none("no answer from " + url() + " (" + e.getMessage() + ")", e instanceof HttpProbe.Unreachable);
        }
    }

    @Override
    public List<Answer> askEach(String path, Duration timeout, int count) {
        List<Answer> out = new ArrayList<>();
        for (Object r : path().getEach(url(), path, hostHeader(), probeHeaders(), timeout, count)) {
            if (r instanceof HttpProbe.Response response) {
                out.add(Answer.of(response));
            } else if (r instanceof ContainerPath.NoProbeClient e) {
                throw new RouterException(e.getMessage(), e);
            } else {
                IOException e = (IOException) r;
                out.add(Answer.none("no answer from " + url() + " (" + e.getMessage() + ")", e instanceof HttpProbe.Unreachable));
            }
        }
        return out;
    }

    @Override
    public String replyHint() {
        return "If you wrote your own server block, add the headers shown in the README (" + Answer.APP + ", " + Answer.COLOR + ", "
                + Answer.UPSTREAM + ", from the include's " + NginxInclude.probeVariable(spec.app(), "*") + " variables)";
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
