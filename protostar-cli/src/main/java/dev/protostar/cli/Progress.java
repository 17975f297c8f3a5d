package dev.protostar.cli;

import dev.protostar.core.api.Event;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.api.Wording;
import java.io.PrintStream;

/** Engine events as progress lines, worded by {@link Wording} as in a Jenkins build log, indented by two spaces. */
public final class Progress implements EventListener {
    static final String INDENT = "  ";

    private final PrintStream out;
    private final boolean verbose;
    private final WallTime wall = new WallTime();

    public Progress(PrintStream out, boolean verbose) {
        this.out = out;
        this.verbose = verbose;
    }

    @Override
    public void onEvent(Event e) {
        wall.heard(e, System.nanoTime());
        String line = Wording.line(e, verbose);
        if (line != null) {
            out.println(INDENT + line);
            out.flush();
        }
    }

    /** The closing line of a command with phases: its whole wall time, attributed. */
    public void total() {
        out.println(INDENT + wall.line(System.nanoTime()));
        out.flush();
    }
}
