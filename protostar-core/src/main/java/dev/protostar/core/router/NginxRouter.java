package dev.protostar.core.router;

import dev.protostar.core.Uninterrupted;
import dev.protostar.core.spec.AppSpec;
import java.util.Optional;

/**
 * What every nginx router does with an app's include: put the new file in place, test the whole
 * config, reload; on any failure put the previous file back, and when the reload may have reached
 * nginx, load the previous file again so nginx and the file agree. Subclasses say where the file
 * lives and how commands run; {@link #serialized} keeps other apps' changes to the same nginx out.
 */
public abstract class NginxRouter implements Router {
    protected final AppSpec spec;

    NginxRouter(AppSpec spec) {
        this.spec = spec;
    }

    /** The include's text, or null when there is none. */
    abstract String read(String app);

    /** Puts {@code content} in place atomically (null: removes the file). */
    abstract void write(String content) throws java.io.IOException;

    /** Runs nginx's config test; exit code and output. Must not be cut short by an interrupt. */
    abstract Outcome test();

    /** Runs the reload; throws {@link ReloadOutcomeUnknown} when it did not finish. Must not be cut short by an interrupt. */
    abstract Outcome reload();

    /** Runs {@code work} while no other change to this nginx (any app, any process) runs. */
    abstract void serialized(Runnable work);

    /** Where the include lives, for messages. */
    abstract String where();

    /** Every app's include on this nginx, app to text, read in one go (for {@link ListenClaims}). */
    abstract java.util.Map<String, String> includes();

    /** Why nginx could not listen on an address it does not serve yet, if it could not (for {@link ListenClaims}). */
    abstract Optional<String> listenProblem(ListenClaims.Address address);

    record Outcome(int exitCode, String output) {}

    @Override
    public Optional<Route> current(String app) {
        String text = read(app);
        return text == null ? Optional.empty() : NginxInclude.parse(text);
    }

    /** The include file's text as it is now, or null when there is none. */
    public String currentText() {
        return read(spec.app());
    }

    @Override
    public void apply(Route route) {
        change(NginxInclude.render(spec, route));
    }

    @Override
    public void remove(String app) {
        change(null);
    }

    private void change(String next) {
        // A half-done change is worse than a late one: an abort's interrupt waits until the previous
        // state is back or the new one is loaded (every command still has its deadline).
        Uninterrupted.run(() -> serialized(() -> changeNow(next)));
    }

    private void changeNow(String next) {
        ListenClaims.check(spec.app(), next, includes(), this::listenProblem);
        String previous = currentText();
        try {
            write(next);
        } catch (java.io.IOException | RuntimeException e) {
            // The write may have landed (a rename that timed out, say): put the previous file back either way.
            String why = "cannot write the nginx include " + where() + ": " + e.getMessage();
            restoreAfter(previous, why, WRITE_FIX);
            throw new RouterException(why + "; the previous include is in place and nothing was reloaded. " + WRITE_FIX, e);
        }
        try {
            testAndReload();
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
            throw e;
        }
    }

    /** What to do when the include cannot be written. */
    private static final String WRITE_FIX = "Free space on (or make writable) the file system that holds it, "
            + "then run the deploy or switch again.";

    /**
     * @param writeFix after a failed write (nothing reloaded yet): what to do about it; null after a failed test or reload
     */
    private void restoreAfter(String previous, String what, String writeFix) {
        try {
            write(previous);
        } catch (java.io.IOException | RuntimeException restore) {
            if (writeFix != null && stillReads(previous)) {
                // Writing fails whatever is written (a full disk, a read-only file system), but the file is the previous
                // one and no reload ran: nothing changed, so this is not a switch that may have happened.
                throw new RouterException(what + "; the previous include is unchanged (read back after putting it back "
                        + "failed too: " + restore.getMessage() + ") and nothing was reloaded. " + writeFix, restore);
            }
            // The new file may stay in place: any later reload loads it, so treat it as switched.
            throw new RouterException(what + "\nPutting the previous include back ALSO failed: "
                    + restore.getMessage() + ". " + where() + " may name the new color; fix it before nginx reloads.",
                    restore, true);
        }
    }

    /** True when the include reads back as {@code previous} (null: absent); false when it differs or cannot be read. */
    private boolean stillReads(String previous) {
        try {
            return java.util.Objects.equals(currentText(), previous);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void testAndReload() {
        Outcome test = test();
        if (test.exitCode() != 0) {
            String command = String.join(" ", spec.router().test());
            throw new RouterException("nginx rejected the configuration, so nothing was switched and the previous "
                    + "include was put back. " + command + " said:\n" + test.output().strip()
                    + "\nFix the file and line it names (nginx's own configuration if it is not this app's include), check with "
                    + command + ", then run the deploy or switch again.");
        }
        Outcome reload = reload();
        if (reload.exitCode() != 0) {
            throw new RouterException("nginx reload failed (exit " + reload.exitCode() + "), the previous include was put back. "
                    + String.join(" ", spec.router().reload()) + " said:\n" + reload.output());
        }
    }

    /** The reload command did not finish: it may or may not have signalled nginx. */
    static final class ReloadOutcomeUnknown extends RouterException {
        private static final long serialVersionUID = 1L;

        ReloadOutcomeUnknown(String message) {
            super(message, null, true);
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
