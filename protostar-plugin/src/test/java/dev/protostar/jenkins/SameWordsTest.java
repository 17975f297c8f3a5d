package dev.protostar.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.protostar.core.api.Advice;
import dev.protostar.core.api.DockerEndpoint;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.api.WordingSample;
import dev.protostar.jenkins.bridge.DeployReport;
import dev.protostar.jenkins.bridge.EngineCall;
import dev.protostar.jenkins.bridge.SpecSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The step's log says what the {@code protostar} command says: the engine's events of {@link WordingSample}, sent through
 * the agent side of a step as a deploy sends them, are its lines behind the step's prefix (protostar-cli's ProgressWordsTest
 * pins the command's, behind two spaces); the closing lines differ only in the advice.
 */
class SameWordsTest {
    @TempDir
    Path root;

    /** Tells the sample's events, as the engine would, and answers with one of its results. */
    record Sample(boolean verbose) implements EngineCall<DeployReport> {
        @Override
        public DeployReport run(Path specFile, String baseDir, List<DockerEndpoint> hosts, Advice advice, EventListener listener) {
            WordingSample.events().forEach(listener::onEvent);
            return DeployReport.of(WordingSample.results().get(1));
        }

        @Override
        public DeployReport reword(DeployReport result, UnaryOperator<String> words) {
            return result.reworded(words);
        }
    }

    @Test
    void theStepLogsTheSampleAsItsLinesBehindTheStepsPrefix() throws Exception {
        for (boolean verbose : List.of(false, true)) {
            Path ws = Files.createDirectories(root.resolve("ws" + verbose));
            Files.writeString(ws.resolve("protostar.yml"), "app: " + WordingSample.APP + "\nport: 3000\n");
            CapturedLog log = new CapturedLog();
            new OnAgent<>("words", new SpecSource(null, null, null, null, null), ws + "@tmp", new Sample(verbose), List.of(), log,
                    verbose).invoke(ws.toFile(), null);
            List<String> expected = WordingSample.lines(verbose).stream().map(l -> "[protostar nest] " + l).toList();
            assertEquals(expected, log.text().lines().toList());
        }
    }

    @Test
    void theClosingLinesAreTheEnginesInPipelineTerms() {
        List<String> closings = WordingSample.results().stream().map(r -> Summary.of(DeployReport.of(r))).toList();
        assertEquals(WordingSample.closings(PipelineWording.advice().status()), closings);
        assertEquals("protostarVerify", PipelineWording.advice().status());
    }
}
