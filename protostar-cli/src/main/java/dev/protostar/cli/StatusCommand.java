package dev.protostar.cli;

import dev.protostar.core.api.StatusReport;
import dev.protostar.core.api.VerifyRequest;
import dev.protostar.core.engine.Engine;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", description = {"Show the live color on each Docker host, its image and since when, each color's container, "
        + "and what nginx answers.", "Exits 1 when something is wrong (nginx answers 502, from another color or not at all, the "
        + "live container is gone, the hosts disagree, drift); it changes nothing."})
final class StatusCommand implements Callable<Integer> {
    @Mixin
    SpecOption spec;

    @Mixin
    Output output;

    @Override
    public Integer call() throws Exception {
        StatusReport r = Engine.status(new VerifyRequest(spec.path(), List.of()));
        PrintStream out = output.words(r.ok());
        boolean several = r.hosts().size() > 1;
        for (StatusReport.HostState h : r.hosts()) {
            print(out, r.app() + (several ? " on " + h.host() : ""), h, several);
        }
        for (String problem : r.problems()) {
            out.println("  ! " + problem);
        }
        if (!r.ok()) {
            out.println(r.app() + ": " + r.problems().size() + (r.problems().size() == 1 ? " thing is" : " things are")
                    + " wrong (listed above); status changed nothing");
        }
        out.flush();
        return output.json(r, r.ok() ? ExitCode.OK : ExitCode.FAILED_SAFELY);
    }

    private static void print(PrintStream out, String where, StatusReport.HostState h, boolean several) {
        if (h.colors().isEmpty()) {
            out.println(where + ": could not be read");
            return;
        }
        if (h.live() == null) {
            out.println(where + ": nothing is live (nginx has no route for it)");
        } else {
            out.printf("%s: %s is live since %s (deploy %s, image %s%s)%n", where, h.live(), h.since(), h.deploy(), h.image(),
                    several ? "" : ", on " + h.endpoint());
        }
        if (h.live() != null && !h.live().equals(h.answering())) {
            out.println("  nginx answers: " + h.answering());
        }
        for (StatusReport.ColorState c : h.colors()) {
            out.printf("  %-5s %-24s %-8s %-10s %s%n", c.color(), c.container(), c.state(),
                    c.health() == null ? "" : c.health(), c.image() == null ? "" : c.image());
        }
        if (h.lockedBy() != null) {
            out.println("  locked by " + h.lockedBy());
        }
    }
}
