package dev.protostar.cli;

/**
 * docker-java logs through slf4j, bound here to slf4j-simple, which writes to stderr. It is off, since the command
 * prints its own progress lines; {@code --debug} shows each Docker call docker-java makes ("Cmd: …", at debug).
 * slf4j-simple reads these properties when a logger is made, so they are set before any Docker client exists.
 */
final class DockerLog {
    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private DockerLog() {}

    /** Whether the command line asks for --debug: looked for before picocli parses it, as loggers come first. */
    static boolean asked(String[] args) {
        for (String arg : args) {
            if ("--".equals(arg)) {
                return false;
            }
            if ("--debug".equals(arg)) {
                return true;
            }
        }
        return false;
    }

    static void configure(boolean debug) {
        setIfAbsent("defaultLogLevel", "off");
        setIfAbsent("logFile", "System.err");
        setIfAbsent("showThreadName", "false");
        setIfAbsent("showShortLogName", "true");
        setIfAbsent("levelInBrackets", "true");
        if (debug) {
            System.setProperty(PREFIX + "log.com.github.dockerjava", "debug");
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(PREFIX + key) == null) {
            System.setProperty(PREFIX + key, value);
        }
    }
}
