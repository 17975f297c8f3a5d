package dev.protostar.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code pull:} and {@code build.push}, every value checked where it is, and how an image reference splits. */
class SpecRegistryTest {
    private static AppSpec parse(String yaml) {
        return SpecParser.parse("protostar.yml", yaml, Path.of("/srv/repo"));
    }

    @Test
    void defaultsPullWhatIsMissingAndPushNothing() {
        AppSpec s = parse("app: nest\n");
        assertEquals(AppSpec.Pull.MISSING, s.pull());
        assertFalse(s.build().push());
    }

    @Test
    void pullAndPushAreRead() {
        AppSpec s = parse("app: nest\nimage: registry.example.com:5000/team/nest\npull: always\nbuild:\n  push: true\n");
        assertEquals(AppSpec.Pull.ALWAYS, s.pull());
        assertTrue(s.build().push());
        assertEquals(AppSpec.Pull.NEVER, parse("app: nest\npull: never\n").pull());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "app: a\\npull: sometimes\\n|protostar.yml:2:7: pull: |missing (pull on a host that lacks the image)",
        "app: a\\npull: [always]\\n|protostar.yml:2:7: pull: |",
        "app: a\\nimage: localhost:5000/a\\nbuild: { push: yes please }\\n|protostar.yml:3:16: build.push: |",
        "app: a\\nbuild:\\n  push: true\\n|protostar.yml:3:9: build.push: needs image: to name the registry|(image: is a)",
        "app: a\\nimage: team/a\\nbuild: { push: true }\\n|protostar.yml:3:16: build.push: needs image: to name the registry|like registry.example.com/team/a or"
    })
    void badValuesNameTheFieldWithLineAndColumn(String yaml, String starts, String contains) {
        SpecException e = assertThrows(SpecException.class, () -> parse(yaml.replace("\\n", "\n")));
        assertTrue(e.getMessage().startsWith(starts), e.getMessage());
        assertTrue(contains == null || e.getMessage().contains(contains), e.getMessage());
    }

    @Test
    void aReferenceSplitsAsDockerReadsIt() {
        assertEquals(new ImageReference("registry.example.com:5000", "registry.example.com:5000/team/nest", "1.4", null),
                ImageReference.parse("registry.example.com:5000/team/nest:1.4"));
        ImageReference hub = ImageReference.parse("team/nest:1.4");
        assertNull(hub.registry());
        assertFalse(hub.namesRegistry());
        assertEquals(ImageReference.DOCKER_HUB, hub.authKey());
        assertEquals(ImageReference.DOCKER_HUB, ImageReference.parse("docker.io/library/redis:7").authKey());
        ImageReference pinned = ImageReference.parse("localhost/nest@sha256:" + "a".repeat(64));
        assertEquals("localhost", pinned.registry());
        assertNull(pinned.tag());
        assertEquals("sha256:" + "a".repeat(64), pinned.digest());
        assertEquals(Optional.of("sha256:" + "b".repeat(64)),
                ImageReference.parse("docker.io/library/redis:7").digestIn(List.of("other@sha256:" + "c".repeat(64),
                        "redis@sha256:" + "b".repeat(64))));
    }
}
