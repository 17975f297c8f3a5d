package dev.protostar.jenkins;

import dev.protostar.core.api.Outcome;
import dev.protostar.core.spec.Durations;
import dev.protostar.jenkins.bridge.DeployReport;
import dev.protostar.jenkins.bridge.VerifyReport;
import java.util.ArrayList;
import java.util.List;

/** The words a step ends with: the closing line of a deploy or switch, and what a verify found. */
public final class Summary {
    private Summary() {}

    /** One line of the step's own in the build log. */
    static String logLine(String text) {
        return Messages.Summary_LogLine(text);
    }

    /** The closing line of a deploy or switch. */
    public static String of(DeployReport r) {
        String app = r.app() == null ? Messages.Summary_TheApp() : r.app();
        String phase = r.failedPhase() == null ? "?" : r.failedPhase();
        return switch (Outcome.valueOf(r.outcome())) {
            case SUCCEEDED -> Messages.Summary_Succeeded(app, r.color(), r.image() == null ? "?" : r.image(),
                    Durations.seconds(r.millis()));
            case FAILED_BEFORE_SWITCH -> r.color() == null ? Messages.Summary_FailedBeforeSwitch(app, r.action(), phase)
                    : Messages.Summary_FailedBeforeSwitchStillLive(app, r.action(), phase, r.color());
            case SWITCHED_BACK -> Messages.Summary_SwitchedBack(app, r.action(), phase,
                    r.color() == null ? Messages.Summary_NoRoute() : r.color());
            case FAILED -> Messages.Summary_Failed(app, r.action(), phase);
        };
    }

    /** Why a deploy or switch failed: the summary, then the engine's explanation. */
    public static String failure(DeployReport r) {
        return r.error() == null ? of(r) : of(r) + "\n" + r.error();
    }

    /** The line of a verify that found nothing wrong. */
    static String live(VerifyReport r) {
        return Messages.Summary_Live(r.app(), r.color());
    }

    /** One line per problem, each named, for the log and for the failure message. */
    public static List<String> problems(VerifyReport r) {
        List<String> lines = new ArrayList<>();
        lines.add(Messages.Summary_VerifyFound(r.app() == null ? Messages.Summary_TheApp() : r.app(),
                String.valueOf(r.problems().size())));
        r.problems().forEach(p -> lines.add(Messages.Summary_Problem(p)));
        return lines;
    }
}
