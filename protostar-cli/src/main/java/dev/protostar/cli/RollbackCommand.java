package dev.protostar.cli;

import dev.protostar.core.api.RollbackRequest;
import dev.protostar.core.engine.Engine;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "rollback", description = {
        "Go back to a version from the history whose image is kept, health-gated like a deploy.",
        "The cutover of a deploy of that version's image (no build), recorded as a rollback; the image must still be on every "
                + "host (retire.keepImages). Without --to: the version before the live one. A tag that ran different images "
                + "is refused, naming their ids; 'protostar history' marks the versions you can go back to."})
final class RollbackCommand implements Callable<Integer> {
    @Mixin
    SpecOption spec;

    @Mixin
    Output output;

    @Option(names = "--to", converter = Checked.RollbackTarget.class, paramLabel = "<id|tag|digest>",
            description = "a deploy id, an image tag (name:tag or only the tag) or a digest (sha256:…, or its first 12 hex digits), "
                    + "as 'protostar history' shows them, or previous: the version before the live one (the default)")
    String to;

    @Option(names = "--owner", converter = Checked.Owner.class, description = "who rolls back (default: $PROTOSTAR_OWNER or user@host)")
    String owner;

    @Override
    public Integer call() {
        Progress progress = output.progress(false);
        var result = Engine.rollback(new RollbackRequest(spec.path(), to, Owner.current(owner), java.util.List.of(), null,
                Invocation.current().environment(), null), progress);
        progress.total();
        return output.json(result, Report.print(result, output.words(result.ok())));
    }
}
