package dev.protostar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.protostar.core.api.Advice;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.WordingSample;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The command says what a Jenkins step's log says: the engine's events of {@link WordingSample} are its lines behind two
 * spaces (the plugin's SameWordsTest pins the step's, behind {@code [protostar nest] }); the closing lines differ only in
 * the advice. No Docker.
 */
class ProgressWordsTest {
    @Test
    void theProgressLinesAreTheSamplesBehindTwoSpaces() {
        for (boolean verbose : List.of(false, true)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Progress progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), verbose);
            WordingSample.events().forEach(progress::onEvent);
            List<String> expected = WordingSample.lines(verbose).stream().map(l -> "  " + l).toList();
            assertEquals(expected, bytes.toString(StandardCharsets.UTF_8).lines().toList());
        }
    }

    @Test
    void theClosingLinesAreTheEnginesInTheCommandLinesTerms() {
        List<String> closings = new ArrayList<>();
        for (DeployResult r : WordingSample.results()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Report.print(r, new PrintStream(bytes, true, StandardCharsets.UTF_8));
            List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
            closings.add(lines.get(0));
            assertEquals(r.error() == null ? List.of() : r.error().lines().toList(), lines.subList(1, lines.size()));
        }
        assertEquals(WordingSample.closings(Advice.COMMAND_LINE.status()), closings);
        assertEquals("protostar status", Advice.COMMAND_LINE.status());
    }
}
