package dev.protostar.jenkins.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.spec.AppSpec;
import dev.protostar.core.spec.SpecException;
import dev.protostar.core.spec.SpecParser;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SpecDefaultsTest {
    private static final Path BASE = Path.of("").toAbsolutePath();

    @Test
    void addsSectionsTheSpecLeavesOut() {
        String spec = "app: nest\nport: 3000\n";
        String effective = SpecDefaults.apply(spec, "listen: 127.0.0.1:8080\n", "path: /health\nsuccesses: 5");
        AppSpec parsed = SpecParser.parse("protostar.yml", effective, BASE);
        assertEquals("127.0.0.1:8080", parsed.router().listen());
        assertEquals("/health", parsed.health().path());
        assertEquals(5, parsed.health().successes());
        assertTrue(effective.startsWith(spec), "the spec's own lines come first, unchanged");
    }

    @Test
    void aSpecsOwnSectionWinsAsAWhole() {
        String spec = "app: nest\nhealth:\n  deadline: 90s\n";
        String effective = SpecDefaults.apply(spec, null, "path: /health\nsuccesses: 5\n");
        assertSame(spec, effective);
        AppSpec parsed = SpecParser.parse("protostar.yml", effective, BASE);
        assertEquals("/", parsed.health().path());
        assertEquals(Duration.ofSeconds(90), parsed.health().deadline());
    }

    @Test
    void noDefaultsLeaveTheSpecAlone() {
        String spec = "app: nest";
        assertSame(spec, SpecDefaults.apply(spec, null, "  "));
    }

    @Test
    void aSpecWithoutATrailingNewlineStillGetsAWellFormedSection() {
        String effective = SpecDefaults.apply("app: nest", "listen: 8080", null);
        assertEquals("8080", SpecParser.parse("s", effective, BASE).router().listen());
    }

    @Test
    void errorsInTheSpecKeepTheirLineNumbers() {
        String spec = "app: nest\nport: 99999\n";
        SpecException e = assertThrows(SpecException.class,
                () -> SpecParser.parse("protostar.yml", SpecDefaults.apply(spec, "listen: 8080", null), BASE));
        assertEquals(2, e.line());
        assertEquals("port", e.field());
    }

    @Test
    void flowStyleAndBrokenSpecsAreLeftForTheEngineToReport() {
        String flow = "{app: nest, port: 3000}";
        assertSame(flow, SpecDefaults.apply(flow, "listen: 8080", null));
        String broken = "app: [nest";
        assertSame(broken, SpecDefaults.apply(broken, "listen: 8080", null));
    }

    /** A body pasted with its indentation, the first line's included, keeps its shape. */
    @Test
    void anIndentedBodyKeepsItsShape() {
        String pasted = "    kind: nginx-container\n    container: nginx\n    listen: 80\n";
        String spec = SpecDefaults.apply("app: nest\nport: 3000\nnetwork: web\n", pasted, null);
        assertTrue(spec.endsWith("router:\n  kind: nginx-container\n  container: nginx\n  listen: 80\n"), spec);
        assertEquals(null, SpecCheck.section("router", pasted));
        String nested = "  path: /health\n  body: ok\n";
        assertEquals(null, SpecCheck.section("health", nested));
        assertTrue(SpecCheck.section("health", "    path: /health\n    successes: 0\n").startsWith("Default health policy, line 2, column "),
                SpecCheck.section("health", "    path: /health\n    successes: 0\n"));
    }
}
