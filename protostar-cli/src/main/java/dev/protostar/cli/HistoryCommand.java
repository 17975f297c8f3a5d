package dev.protostar.cli;

import dev.protostar.core.api.EventListener;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.protostar.core.api.HistoryEntry;
import dev.protostar.core.api.HistoryLine;
import dev.protostar.core.api.VerifyRequest;
import dev.protostar.core.engine.Engine;
import dev.protostar.core.state.Json;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "history", description = "List the app's deploys, switches and rollbacks, newest last, from the history its Docker "
        + "engine keeps, each with its id. ✓ marks the versions 'protostar rollback --to <id>' can go back to (the image is still on "
        + "every host, or its registry is asked for it by digest). A failed one says why on the line below it (a succeeded one, what went wrong after its switch); --json has "
        + "every field, and canRollBack.")
final class HistoryCommand implements Callable<Integer> {
    /** The table fits a terminal of this width. */
    static final int WIDTH = 100;
    private static final String ROW = "%-20s %1s %-8s %-14s %-12s %7s  %-16s  %s";
    static final String KEPT = "✓";

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
        List<HistoryLine> entries = Engine.historyLines(new VerifyRequest(spec.path(), List.of()), last, damaged);
        if (output.json) {
            return output.json(entries.stream().map(HistoryCommand::flat).toList(), ExitCode.OK);
        }
        if (!output.quiet) {
            print(entries, System.out);
        }
        return ExitCode.OK;
    }

    /** An entry as one flat JSON object: its fields, and whether a rollback can go back to it. */
    private static ObjectNode flat(HistoryLine line) {
        ObjectNode node = Json.MAPPER.valueToTree(line.entry());
        node.put("canRollBack", line.canRollBack());
        node.put("whyNot", line.whyNot());
        return node;
    }

    static void print(List<HistoryLine> lines, PrintStream out) {
        if (lines.isEmpty()) {
            out.println("no history yet");
            return;
        }
        boolean severalEngines = lines.stream().map(l -> l.entry().host()).filter(Objects::nonNull).distinct().count() > 1;
        out.println(fit(String.format(ROW, "id (UTC time)", KEPT, "action", "outcome", "live", "took", "image", "by")));
        for (HistoryLine line : lines) {
            HistoryEntry e = line.entry();
            String live = (e.previousColor() == null ? "-" : e.previousColor()) + " → " + (e.color() == null ? "-" : e.color());
            String by = e.owner() + (severalEngines && e.host() != null ? " on " + e.host() : "");
            out.println(fit(String.format(ROW, e.id(), line.canRollBack() ? KEPT : "", e.action(), outcome(e.outcome()), live,
                    String.format(Locale.ROOT, "%.1f s", e.millis() / 1000.0), tail(e.imageName() == null ? "" : e.imageName(), 16), by)));
            if (e.rollbackOf() != null) {
                out.println(fit("  back to: " + e.rollbackOf()));
            }
            if (e.error() != null && !e.error().isBlank()) {
                // A deploy that succeeded may carry a note: an afterSwitch hook that failed, or who finished it.
                out.println(fit(("SUCCEEDED".equals(e.outcome()) ? "  note: " : "  why: ")
                        + e.error().strip().replaceAll("\\s*\\n\\s*", " ")));
            }
        }
        out.println(KEPT + ": protostar rollback --to <id> can go back to it (image on every host, or pulled by digest)");
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
