package dev.protostar.jenkins.bridge;

import dev.protostar.core.api.Event;
import dev.protostar.core.api.Wording;

/** Engine events as build-log lines: the engine's own words ({@link Wording}, as the command line prints them) behind a prefix. */
public final class LogFormat {
    static final String PREFIX = "[protostar] ";

    private LogFormat() {}

    /** The line for one event, or null when it is not shown (build output unless verbose; a hook's output always). */
    public static String line(Event e, boolean verbose) {
        String line = Wording.line(e, verbose);
        return line == null ? null : PREFIX + line;
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
}
