package dev.protostar.cli;

/**
 * docker-java logs through slf4j, bound here to slf4j-simple: silent (simplelogger.properties), since the command
 * prints its own progress lines. {@code --debug} shows each Docker call docker-java makes ("Cmd: …", at debug) on
 * stderr. slf4j-simple reads a logger's level when the logger is made, so this is set before any Docker client exists.
 */
public final class DockerLog {
    private DockerLog() {}

    /** Whether the command line asks for --debug: looked for before picocli parses it, as loggers come first. */
    public static boolean asked(String[] args) {
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

    static void showDockerCalls() {
        System.setProperty("org.slf4j.simpleLogger.log.com.github.dockerjava", "debug");
    }
}
