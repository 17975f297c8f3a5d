package dev.protostar.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.protostar.core.state.Json;
import java.io.OutputStream;
import java.io.PrintStream;
import picocli.CommandLine.Option;

/**
 * How a command prints, the options every command takes: words for people, or the result as one JSON document on
 * stdout ({@code --json}, the words then go to stderr); with progress lines, or quietly ({@code --quiet}).
 */
public final class Output {
    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

    @Option(names = "--json", description = "print the result as one JSON document on stdout; other lines go to stderr")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "no progress lines, and no words when it went well: the exit code tells")
    boolean quiet;

    /** Read by {@link Protostar#main} before picocli parses the command line: see {@link DockerLog}. */
    @Option(names = "--debug", description = "also show each Docker call on stderr (these may show the app's environment)")
    boolean debug;

    /** Progress lines: stdout, stderr beside --json, nowhere with --quiet. */
    PrintStream progressLines() {
        return quiet ? NOWHERE : json ? System.err : System.out;
    }

    Progress progress(boolean verbose) {
        return new Progress(progressLines(), verbose);
    }

    /** The result in words: stdout, stderr beside --json; with --quiet only when it did not go well. */
    PrintStream words(boolean wentWell) {
        return quiet && wentWell ? NOWHERE : json ? System.err : System.out;
    }

    /** Under --json, prints {@code result} on stdout; the exit code passes through. */
    int json(Object result, int exit) {
        if (json) {
            System.out.println(asJson(result));
            System.out.flush();
        }
        return exit;
    }

    static String asJson(Object value) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the result as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
