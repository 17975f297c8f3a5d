package dev.protostar.cli;

import dev.protostar.core.api.EventListener;
import dev.protostar.core.api.HistoryEntry;
import dev.protostar.core.api.VerifyRequest;
import dev.protostar.core.engine.Engine;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "history", description = "List the app's deploys and switches, newest last, from the history its Docker engine keeps. "
        + "A failed one says why on the line below it (a succeeded one, what went wrong after its switch); --json has every field, the deploy id too.")
final class HistoryCommand implements Callable<Integer> {
    /** The table fits a terminal of this width. */
    static final int WIDTH = 100;
    private static final String ROW = "%-16s  %-6s  %-14s  %-13s  %7s  %-20s  %s";

    @Mixin
    SpecOption spec;

    @Mixin
    Output output;

    @Option(names = {"-n", "--last"}, defaultValue = "20", description = "how many entries (default: ${DEFAULT-VALUE})")
    int last;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        if (last < 1) {
            throw new picocli.CommandLine.ParameterException(command.commandLine(), "--last must be 1 or more, got " + last);
        }
        // Damaged records are skipped and named on stderr, so --json stays one array.
        EventListener damaged = output.quiet ? EventListener.NONE : new Progress(System.err, false);
        List<HistoryEntry> entries = Engine.history(new VerifyRequest(spec.file, List.of()), last, damaged);
        if (output.json) {
            return output.json(entries, ExitCode.OK);
        }
        if (!output.quiet) {
            print(entries, System.out);
        }
        return ExitCode.OK;
    }

    static void print(List<HistoryEntry> entries, PrintStream out) {
        if (entries.isEmpty()) {
            out.println("no history yet");
            return;
        }
        boolean severalEngines = entries.stream().map(HistoryEntry::host).filter(Objects::nonNull).distinct().count() > 1;
        out.println(fit(String.format(ROW, "when (UTC)", "action", "outcome", "live", "took", "image", "by")));
        for (HistoryEntry e : entries) {
            String when = e.at() == null ? "?" : e.at().replace('T', ' ').substring(0, Math.min(16, e.at().length()));
            String live = (e.previousColor() == null ? "-" : e.previousColor()) + " → " + (e.color() == null ? "-" : e.color());
            String by = e.owner() + (severalEngines && e.host() != null ? " on " + e.host() : "");
            out.println(fit(String.format(ROW, when, e.action(), outcome(e.outcome()), live, String.format(Locale.ROOT, "%.1f s", e.millis() / 1000.0),
                    tail(e.imageName() == null ? "" : e.imageName(), 20), by)));
            if (e.error() != null && !e.error().isBlank()) {
                // A deploy that succeeded may carry a note: an afterSwitch hook that failed, or who finished it.
                out.println(fit(("SUCCEEDED".equals(e.outcome()) ? "  note: " : "  why: ")
                        + e.error().strip().replaceAll("\\s*\\n\\s*", " ")));
            }
        }
    }

    private static String outcome(String outcome) {
        if (outcome == null) {
            return "?";
        }
        return switch (outcome) {
            case "SUCCEEDED" -> "succeeded";
            case "FAILED_BEFORE_SWITCH" -> "not switched";
            case "SWITCHED_BACK" -> "switched back";
            case "FAILED" -> "failed, unsafe";
            default -> outcome.toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    /** The end of a long value (an image's tag matters more than its registry). */
    private static String tail(String value, int width) {
        return value.length() <= width ? value : "…" + value.substring(value.length() - width + 1);
    }

    private static String fit(String line) {
        String trimmed = line.stripTrailing();
        return trimmed.length() <= WIDTH ? trimmed : trimmed.substring(0, WIDTH - 1) + "…";
    }
}
