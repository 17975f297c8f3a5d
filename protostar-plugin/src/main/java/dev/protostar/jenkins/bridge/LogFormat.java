package dev.protostar.jenkins.bridge;

import dev.protostar.core.api.Event;
import dev.protostar.core.spec.Durations;

/** Engine events as build-log lines: each phase's start and end with its time, and what the engine says. */
public final class LogFormat {
    static final String PREFIX = "[protostar] ";

    private LogFormat() {}

    /** The line for one event, or null when it is not shown (build output unless verbose; a hook's output is always shown). */
    public static String line(Event e, boolean verbose) {
        String phase = e.phase() == null ? "" : e.phase().word();
        return switch (e.kind()) {
            case STARTED -> PREFIX + "▸ " + phase;
            case FINISHED -> PREFIX + String.format("✓ %-9s %9s", phase, Durations.seconds(e.millis()));
            case FAILED -> PREFIX + String.format("✗ %-9s %9s  %s", phase, Durations.seconds(e.millis()), oneLine(e.message()));
            case INFO -> PREFIX + "  " + e.message();
            case WARNING -> PREFIX + "! " + e.message();
            case OUTPUT -> verbose || e.phase() != null && e.phase().runsHooks() ? PREFIX + "  │ " + e.message() : null;
            case WAITING -> PREFIX + "  " + phase + ": " + e.millis() / 1000 + " s, " + e.message();
        };
    }

    /**
     * The line as it goes to the build log: naming its app, so that the lines of deploys running in
     * {@code parallel} branches can be told apart ({@code [protostar nest] ✓ gate …}).
     *
     * @param app the spec's app, or null while it is not known
     */
    public static String named(String app, String line) {
        if (app == null || line == null || !line.startsWith(PREFIX)) {
            return line;
        }
        return "[protostar " + app + "] " + line.substring(PREFIX.length());
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl) + " …";
    }
}
