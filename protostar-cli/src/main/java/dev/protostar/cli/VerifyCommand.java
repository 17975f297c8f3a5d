package dev.protostar.cli;

import dev.protostar.core.api.VerifyResult;
import dev.protostar.core.engine.Engine;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "verify", description = "Check through nginx that the live color answers, and that nginx and Docker agree.")
final class VerifyCommand implements Callable<Integer> {
    @Mixin
    SpecOption spec;

    @Override
    public Integer call() {
        VerifyResult r = Engine.verify(spec.file, new Progress(System.out, false));
        if (r.ok()) {
            System.out.println(r.app() + ": " + r.color() + " is live and answers through nginx");
            return 0;
        }
        System.out.println(r.app() + ": verify found " + r.problems().size() + " problem(s):");
        r.problems().forEach(p -> System.out.println("  - " + p));
        return 1;
    }
}
