package dev.protostar.cli;

import dev.protostar.core.api.StatusReport;
import dev.protostar.core.api.VerifyRequest;
import dev.protostar.core.engine.Engine;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", description = "Show the live color, its image and since when, and the other color's state.")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    SpecOption spec;

    @Mixin
    Output output;

    @Override
    public Integer call() throws Exception {
        StatusReport r = Engine.status(spec.file);
        if (output.json) {
            return output.json(r, ExitCode.OK);
        }
        if (output.quiet) {
            return ExitCode.OK;
        }
        if (r.live() == null) {
            System.out.println(r.app() + ": nothing is live (nginx has no route for it)");
        } else {
            String image = r.colors().stream().filter(StatusReport.ColorState::live).map(StatusReport.ColorState::image)
                    .filter(java.util.Objects::nonNull).findFirst().orElse(r.image());
            System.out.printf("%s: %s is live since %s (deploy %s, image %s, on %s)%n", r.app(), r.live(), r.since(), r.deploy(),
                    image, r.endpoint());
        }
        if (r.live() != null && !r.live().equals(r.answering())) {
            System.out.println("  ! but nginx answers: " + r.answering());
        }
        for (StatusReport.ColorState c : r.colors()) {
            System.out.printf("  %-5s %-24s %-8s %-10s %s%n", c.color(), c.container(), c.state(),
                    c.health() == null ? "" : c.health(), c.image() == null ? "" : c.image());
        }
        if (r.lockedBy() != null) {
            System.out.println("  locked by " + r.lockedBy());
        }
        for (String drift : Engine.drift(new VerifyRequest(spec.file, java.util.List.of()))) {
            System.out.println("  ! drift: " + drift);
        }
        return ExitCode.OK;
    }
}
