package dev.protostar.cli;

import dev.protostar.core.api.Advice;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import dev.protostar.core.api.Wording;
import java.io.PrintStream;

/** The closing lines of a deploy or switch ({@link Wording}, in the command line's advice), and its exit code. */
final class Report {
    private Report() {}

    static int print(DeployResult r, PrintStream out) {
        out.println(Wording.failure(r, Advice.COMMAND_LINE));
        if (r.ok()) {
            return ExitCode.OK;
        }
        if (r.outcome() == Outcome.FAILED) {
            return ExitCode.UNSAFE;
        }
        return r.failedPhase() == Phase.SPEC ? ExitCode.USAGE : ExitCode.FAILED_SAFELY;
    }
}
