package dev.protostar.core.docker;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What reaches the Docker API as a container's name, environment and labels, and as an exec's argv,
 * is checked once more where it is sent, before anything is sent: names are plain, env names are
 * names, nothing carries a NUL, labels are one line, and an env value is never echoed.
 */
class DockerArgumentsHostileTest {
    private static final List<String> ENV = List.of("A=1", "PROTOSTAR_COLOR=blue");
    private static final Map<String, String> LABELS = Map.of(Labels.APP, "nest", Labels.REVISION, "v1.2-3-gabc");

    @Test
    void plainValuesPass() {
        assertDoesNotThrow(() -> Containers.checkCreate("nest-blue", ENV, LABELS));
        // Values with shell and nginx syntax are data in JSON: they pass.
        assertDoesNotThrow(() -> Containers.checkCreate("nest-blue", List.of("A=; } $(id) `id` \"'\nsecond line"), LABELS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-nest", "--privileged", "nest blue", "nest;id", "nest/blue", "", "nest\nblue", "nést"})
    void aContainerNameIsPlain(String name) {
        assertThrows(DockerException.class, () -> Containers.checkCreate(name, ENV, LABELS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"=x", "A B=x", "--env=x", "A", "A=x\u0000y", "1A=x", "A;B=x"})
    void anEnvEntryIsANameAndAValueWithoutNul(String entry) {
        DockerException e = assertThrows(DockerException.class, () -> Containers.checkCreate("nest-blue", List.of(entry), LABELS));
        assertFalse(e.getMessage().contains("x\u0000y") || e.getMessage().contains("=x"), "the value is never shown: " + e.getMessage());
    }

    @Test
    void aLabelIsAPlainKeyAndOneLine() {
        for (Map<String, String> bad : List.of(Map.of("a b", "x"), Map.of("-x", "x"), Map.of(Labels.REVISION, "v1\nforged"),
                Map.of(Labels.REVISION, "x\u0000"), Map.of(Labels.REVISION, "x".repeat(5000)))) {
            DockerException e = assertThrows(DockerException.class, () -> Containers.checkCreate("nest-blue", ENV, bad));
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void anExecIsAnArgvWithoutNul() {
        assertDoesNotThrow(() -> Exec.check(List.of("sh", "-c", "echo \"$@\"", "sh", "; rm -rf / #", "$(id)")));
        assertThrows(DockerException.class, () -> Exec.check(List.of()));
        assertThrows(DockerException.class, () -> Exec.check(null));
        assertThrows(DockerException.class, () -> Exec.check(List.of("")));
        assertThrows(DockerException.class, () -> Exec.check(List.of("nginx", "-t\u0000-c/tmp/evil.conf")));
        List<String> withNull = new ArrayList<>(Arrays.asList("nginx", null));
        DockerException e = assertThrows(DockerException.class, () -> Exec.check(withNull));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }
}
