package dev.protostar.jenkins;

import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Wording;
import dev.protostar.jenkins.bridge.DeployReport;
import dev.protostar.jenkins.bridge.VerifyReport;
import java.util.List;

/**
 * The words a step ends with: the closing line of a deploy or switch, and what a verify found. They are the engine's
 * ({@link Wording}, as the command line prints them), with the Pipeline's advice; only the log prefix is the step's own.
 */
public final class Summary {
    private Summary() {}

    /** One line of the step's own in the build log. */
    static String logLine(String text) {
        return Messages.Summary_LogLine(text);
    }

    /** The closing line of a deploy or switch. */
    public static String of(DeployReport r) {
        return Wording.closing(r.app(), r.action(), Outcome.valueOf(r.outcome()), r.color(), r.image(), r.millis(),
                r.failedPhase(), PipelineWording.advice());
    }

    /** Why a deploy or switch failed: the summary, then the engine's explanation. */
    public static String failure(DeployReport r) {
        return r.error() == null ? of(r) : of(r) + "\n" + r.error();
    }

    /** The line of a verify that found nothing wrong. */
    static String live(VerifyReport r) {
        return Wording.verified(r.app(), r.color());
    }

    /** One line per problem, each named, for the log and for the failure message. */
    public static List<String> problems(VerifyReport r) {
        return Wording.problems(r.app(), r.problems());
    }
}
