package dev.protostar.cli;

import dev.protostar.core.api.HistoryEntry;
import dev.protostar.core.api.VerifyRequest;
import dev.protostar.core.engine.Engine;
import dev.protostar.core.spec.Durations;
import dev.protostar.core.state.Json;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "history", description = "List the app's deploys and switches, newest last, from the history its Docker engine keeps.")
final class HistoryCommand implements Callable<Integer> {
    @Mixin
    SpecOption spec;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Option(names = {"-n", "--last"}, defaultValue = "20", description = "how many entries (default: ${DEFAULT-VALUE})")
    int last;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        if (last < 1) {
            throw new picocli.CommandLine.ParameterException(command.commandLine(), "--last must be 1 or more, got " + last);
        }
        // Damaged records are skipped and named on stderr, so --json stays one array.
        List<HistoryEntry> entries = Engine.history(new VerifyRequest(spec.file, List.of()), last, new Progress(System.err, false));
        boolean severalEngines = entries.stream().map(HistoryEntry::host).filter(java.util.Objects::nonNull).distinct().count() > 1;
        if (json) {
            System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(entries));
            return 0;
        }
        if (!entries.isEmpty()) {
            System.out.printf("%-24s  %-20s  %-6s  %-20s  %-13s  %9s  %-30s  %s%n", "when", "deploy id", "action", "outcome",
                    "live", "took", "image", "by");
        }
        for (HistoryEntry e : entries) {
            System.out.printf("%-24s  %-20s  %-6s  %-20s  %-13s  %9s  %-30s  %s%n", e.at().substring(0, Math.min(23, e.at().length())) + "Z",
                    e.id(), e.action(), e.outcome(),
                    (e.previousColor() == null ? "-" : e.previousColor()) + " → " + (e.color() == null ? "-" : e.color()),
                    Durations.seconds(e.millis()), e.imageName() == null ? "" : e.imageName(),
                    e.owner() + (severalEngines && e.host() != null ? " on " + e.host() : ""));
        }
        if (entries.isEmpty()) {
            System.out.println("no history yet");
        }
        return 0;
    }
}
