package dev.protostar.cli;

import dev.protostar.core.api.Event;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.spec.Durations;
import java.io.PrintStream;

/** Engine events as progress lines: one per phase with its time, plus what the engine says. */
public final class Progress implements EventListener {
    private final PrintStream out;
    private final boolean verbose;

    public Progress(PrintStream out, boolean verbose) {
        this.out = out;
        this.verbose = verbose;
    }

    @Override
    public void onEvent(Event e) {
        switch (e.kind()) {
            case FINISHED -> out.printf("  ✓ %-9s %9s%n", e.phase().word(), Durations.seconds(e.millis()));
            case FAILED -> out.printf("  ✗ %-9s %9s%n", e.phase().word(), Durations.seconds(e.millis()));
            case INFO -> out.println("      " + e.message());
            case WARNING -> out.println("    ! " + e.message());
            case OUTPUT -> {
                if (verbose || e.phase() != null && e.phase().runsHooks()) {
                    out.println("      │ " + e.message());
                }
            }
            case WAITING -> out.printf("      %s: %d s, %s%n", e.phase() == null ? "waiting" : e.phase().word(), e.millis() / 1000, e.message());
            case STARTED -> { }
        }
        out.flush();
    }
}
