package dev.protostar.jenkins.bridge;

import dev.protostar.core.api.HistoryEntry;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a deploy or switch that a controller restart cut off from its build really did, read from the app's history
 * on its Docker engine. The engine's command id is not known to the controller before the engine starts, so the
 * entry is found by what the step passed: the owner (the build's URL, in every entry the command records), the
 * action ({@code deploy} or {@code switch}), and a record time not before the step started (give or take
 * {@link #CLOCK_SKEW}: the record's time is the engine host's clock, the start the controller's).
 */
public final class AfterRestart {
    /** How far the Docker host's clock may be behind the controller's. */
    static final long CLOCK_SKEW = TimeUnit.MINUTES.toMillis(2);
    /** How many of the app's newest records are read: enough for a busy app in the minutes the restart took. */
    public static final int LOOK_BACK = 50;
    /** While the engine still holds the app's lock for this build, look again this often, and this many times. */
    public static final long WAIT_MILLIS = TimeUnit.SECONDS.toMillis(10);
    public static final int ATTEMPTS = 18;

    private AfterRestart() {}

    public enum Verdict {
        /** The command recorded its outcome: report it, with its badge. */
        RECORDED,
        /** Nothing recorded yet, and this build still holds the app's lock: the engine is still running on the agent. */
        STILL_RUNNING,
        /** Nothing recorded, and the lock is not this build's: the engine stopped (or was killed) before its record. */
        NOT_RECORDED,
        /** The history could not be read (the agent or the engine did not answer). */
        UNREADABLE
    }

    /**
     * The newest entry of {@code oldestFirst} that this step made, or null.
     *
     * @param startedAt when the step started, by the controller's clock (epoch millis)
     */
    public static HistoryEntry pick(List<HistoryEntry> oldestFirst, String owner, String action, long startedAt) {
        for (int i = oldestFirst.size() - 1; i >= 0; i--) {
            HistoryEntry e = oldestFirst.get(i);
            if (owner.equals(e.owner()) && action.equals(e.action()) && notBefore(e.at(), startedAt - CLOCK_SKEW)) {
                return e;
            }
        }
        return null;
    }

    private static boolean notBefore(String at, long millis) {
        try {
            return !Instant.parse(at).isBefore(Instant.ofEpochMilli(millis));
        } catch (DateTimeParseException | NullPointerException e) {
            return false; // a record without a readable time is not known to be this step's
        }
    }

    /** A history entry as the step's result, as if the engine had answered the step. */
    public static DeployReport report(HistoryEntry e) {
        return new DeployReport(e.app(), e.action(), e.outcome(), e.color(), e.previousColor(), e.imageName(), e.imageId(),
                e.millis(), null, e.error(), e.host());
    }

    public static Verdict verdict(ResumeReport r) {
        if (r.problem() != null) {
            return Verdict.UNREADABLE;
        }
        if (r.found() != null) {
            return Verdict.RECORDED;
        }
        return r.lockHeldByOwner() ? Verdict.STILL_RUNNING : Verdict.NOT_RECORDED;
    }

    /** Whether to look again later: the engine may still be finishing (or the agent reconnecting) after a restart. */
    public static boolean lookAgain(Verdict v, int attempt) {
        return (v == Verdict.STILL_RUNNING || v == Verdict.UNREADABLE) && attempt + 1 < ATTEMPTS;
    }
}
