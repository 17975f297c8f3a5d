package dev.protostar.cli;

import dev.protostar.core.api.DeployResult;
import dev.protostar.core.spec.Durations;
import java.io.PrintStream;

/** The closing lines of a deploy or switch. */
final class Report {
    private Report() {}

    static int print(DeployResult r, PrintStream out) {
        String app = r.app() == null ? "the app" : r.app();
        switch (r.outcome()) {
            case SUCCEEDED -> out.printf("%s: %s is live (%s) after %s%n", app, r.color(),
                    r.imageName() == null ? "?" : r.imageName(), Durations.seconds(r.millis()));
            case FAILED_BEFORE_SWITCH -> out.printf("%s: %s failed in %s; nothing was switched%s%n", app, r.action(),
                    r.failedPhase() == null ? "?" : r.failedPhase().word(),
                    r.color() == null ? "" : ", " + r.color() + " is still live");
            case SWITCHED_BACK -> out.printf("%s: %s failed in %s and traffic went back to %s%n", app, r.action(),
                    r.failedPhase().word(), r.color() == null ? "no route" : r.color());
            case FAILED -> out.printf("%s: %s failed in %s and could not be made safe%n", app, r.action(), r.failedPhase().word());
        }
        if (r.error() != null) {
            out.println(r.error());
        }
        if (r.ok()) {
            return ExitCode.OK;
        }
        if (r.outcome() == dev.protostar.core.api.Outcome.FAILED) {
            return ExitCode.UNSAFE;
        }
        return r.failedPhase() == dev.protostar.core.api.Phase.SPEC ? ExitCode.USAGE : ExitCode.FAILED_SAFELY;
    }
}
