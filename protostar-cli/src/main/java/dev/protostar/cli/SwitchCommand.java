package dev.protostar.cli;

import dev.protostar.core.api.SwitchRequest;
import dev.protostar.core.engine.Engine;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "switch", description = "Switch traffic to the previous color (rollback) or a named one, health-gated first.")
final class SwitchCommand implements Callable<Integer> {
    @Mixin
    SpecOption spec;

    @Mixin
    Output output;

    @Option(names = "--to", defaultValue = "previous", description = "previous, blue or green (default: ${DEFAULT-VALUE})")
    String to;

    @Option(names = "--owner", converter = Checked.Owner.class, description = "who switches (default: $PROTOSTAR_OWNER or user@host)")
    String owner;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        String problem = dev.protostar.core.spec.Arguments.switchTargetProblem(to);
        if (problem != null) {
            throw new picocli.CommandLine.ParameterException(command.commandLine(), "--to " + problem);
        }
        Progress progress = output.progress(false);
        var result = Engine.switchTo(new SwitchRequest(spec.path(), to, Owner.current(owner), java.util.List.of(), null, null,
                Invocation.current().environment()), progress);
        progress.total();
        return output.json(result, Report.print(result, output.words(result.ok())));
    }
}
