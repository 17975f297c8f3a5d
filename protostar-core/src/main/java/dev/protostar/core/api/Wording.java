package dev.protostar.core.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one place that words what the engine reports for people: a line per event (phases, waits, notes, warnings),
 * the closing line of a deploy or switch, what a verify found and what a lock release did. The {@code protostar}
 * command and the Jenkins steps print these same lines, each behind its own prefix (two spaces on a terminal,
 * {@code [protostar <app>] } in a build log); only the advice differs ({@link Advice}: a command line, a Pipeline step).
 * Plain text, UTF-8 glyphs included: the command line folds them to ASCII where its console cannot show them.
 */
public final class Wording {
    /** What stands for an app whose name is not known (a spec that could not be read). */
    public static final String THE_APP = "the app";

    private Wording() {}

    /**
     * The line for one event, without a prefix, or null when it is not shown (build and container output unless
     * {@code verbose}; a hook's output always: a migration's is what a deploy's reader needs). A failed phase's line
     * carries the first line of what went wrong.
     */
    public static String line(Event e, boolean verbose) {
        String phase = e.phase() == null ? "" : e.phase().word();
        return switch (e.kind()) {
            case STARTED -> "▸ " + phase;
            case FINISHED -> String.format(Locale.ROOT, "✓ %-9s %9s", phase, seconds(e.millis()));
            case FAILED -> String.format(Locale.ROOT, "✗ %-9s %9s", phase, seconds(e.millis())) + firstLine(e.message());
            case INFO -> "    " + e.message();
            case WARNING -> "  ! " + e.message();
            case OUTPUT -> verbose || e.phase() != null && e.phase().runsHooks() ? "    │ " + e.message() : null;
            case WAITING -> "    " + (e.phase() == null ? "waiting" : phase) + ": " + e.millis() / 1000 + " s, " + e.message();
        };
    }

    /** The closing line of a deploy or switch. */
    public static String closing(DeployResult r, Advice advice) {
        return closing(r.app(), r.action(), r.outcome(), r.color(), r.imageName(), r.millis(),
                r.failedPhase() == null ? null : r.failedPhase().word(), advice);
    }

    /**
     * The closing line of a deploy or switch, from plain values (as a Jenkins controller has them).
     *
     * @param color the color live at the end, or null when none is
     * @param failedPhase the failed phase's word, or null
     */
    public static String closing(String app, String action, Outcome outcome, String color, String image, long millis,
                                 String failedPhase, Advice advice) {
        String name = app == null ? THE_APP : app;
        String phase = failedPhase == null ? "?" : failedPhase;
        return switch (outcome) {
            case SUCCEEDED -> name + ": " + color + " is live (" + (image == null ? "?" : image) + ") after " + seconds(millis);
            case FAILED_BEFORE_SWITCH -> name + ": " + action + " failed in " + phase + "; nothing was switched"
                    + (color == null ? "" : ", " + color + " is still live");
            case SWITCHED_BACK -> name + ": " + action + " failed in " + phase + " and traffic went back to "
                    + (color == null ? "no route" : color);
            case FAILED -> name + ": " + action + " failed in " + phase + " and could not be made safe; check what is live with "
                    + (advice == null ? Advice.COMMAND_LINE : advice).status();
        };
    }

    /** Why a deploy or switch failed: the closing line, then the engine's explanation. */
    public static String failure(DeployResult r, Advice advice) {
        return r.error() == null ? closing(r, advice) : closing(r, advice) + "\n" + r.error();
    }

    /** The line of a verify that found nothing wrong. */
    public static String verified(String app, String color) {
        return app + ": " + color + " is live and answers through nginx";
    }

    /** What a verify found: a line naming how many, then one line per problem. */
    public static List<String> problems(String app, List<String> problems) {
        List<String> lines = new ArrayList<>();
        lines.add((app == null ? THE_APP : app) + ": verify found " + problems.size() + " problem(s):");
        problems.forEach(p -> lines.add("  - " + p));
        return lines;
    }

    /** A lock released on one engine. @param holder who held it, described; @param by who released it, or null */
    public static String lockReleased(String holder, String by) {
        return "released the lock held by " + holder + (by == null ? "" : ", by " + by);
    }

    /** A lock left alone because it names another holder than the one asked for. */
    public static String lockHeldByAnother(String holder, String asked) {
        return "not released: the lock is held by " + holder + ", not by " + asked;
    }

    /** A release where no lock was held. */
    public static String lockNotHeld() {
        return "no deploy lock was held";
    }

    /** A duration as the lines show it: {@code 12.31 s}. */
    public static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "";
        }
        int nl = message.indexOf('\n');
        return "  " + (nl < 0 ? message : message.substring(0, nl) + " …");
    }
}
