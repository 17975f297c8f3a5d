package dev.protostar.cli;

import dev.protostar.core.api.VerifyResult;
import dev.protostar.core.api.Wording;
import dev.protostar.core.engine.Engine;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "verify", description = "Check through nginx that the live color answers, and that nginx and Docker agree.")
final class VerifyCommand implements Callable<Integer> {
    @Mixin
    SpecOption spec;

    @Mixin
    Output output;

    @Override
    public Integer call() {
        VerifyResult r = Engine.verify(spec.path(), output.progress(false));
        java.io.PrintStream out = output.words(r.ok());
        if (r.ok()) {
            out.println(Wording.verified(r.app(), r.color()));
            return output.json(r, ExitCode.OK);
        }
        Wording.problems(r.app(), r.problems()).forEach(out::println);
        return output.json(r, ExitCode.FAILED_SAFELY);
    }
}
