package dev.protostar.core.router;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The words of nginx's test and reload go into the container's script quoted: a real sh gets each word back as it was. */
class ContainerScriptWordsTest {
    @Test
    void everyWordComesBackAsItWasWrittenWhateverItHolds() throws Exception {
        List<String> words = List.of("nginx", "-g", "daemon off; pid /run/n.pid;", "it's", "'", "$(touch /tmp/never)", "`id`", "a\\b",
                "\"q\"", "", "two  spaces", "line\nbreak", "*", "$HOME");
        Process p = new ProcessBuilder("sh", "-c", "for w in " + NginxContainerRouter.quoted(words) + "; do printf '[%s]' \"$w\"; done")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        StringBuilder expected = new StringBuilder();
        words.forEach(w -> expected.append('[').append(w).append(']'));
        assertEquals(expected.toString(), out);
    }
}
