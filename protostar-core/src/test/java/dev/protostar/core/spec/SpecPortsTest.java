package dev.protostar.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code router.ports}: the range of host ports the colors publish on with nginx on the host. */
class SpecPortsTest {
    private static AppSpec parse(String yaml) {
        return SpecParser.parse("protostar.yml", yaml, Path.of("/srv/repo"));
    }

    @Test
    void aRangeIsReadAndNoneMeansAnyPort() {
        AppSpec s = parse("""
                app: nest
                router:
                  listen: 127.0.0.1:8080
                  ports: 20000-20009
                """);
        assertEquals(new PortRange(20000, 20009), s.router().ports());
        assertEquals(10, s.router().ports().size());
        assertEquals(new PortRange(20000, 20003), parse("app: nest\nrouter: { ports: \"20000-20003\" }\n").router().ports());
        assertEquals(new PortRange(1, 65535), parse("app: nest\nrouter: { ports: 1-65535 }\n").router().ports());
        assertNull(parse("app: nest\n").router().ports());
        assertNull(parse("app: nest\nrouter: { listen: 127.0.0.1:8080 }\n").router().ports());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            router: { ports: 20000-20002 }                      | 18 | holds 3 port(s); at least 4 are needed
            router: { ports: 20000-20000 }                      | 18 | holds 1 port(s); at least 4
            router: { ports: 20000 }                            | 18 | a range of host ports such as 20000-20009
            router: { ports: 20009-20000 }                      | 18 | the first port is above the last
            router: { ports: 0-10 }                             | 18 | each port must be 1 to 65535
            router: { ports: 65530-70000 }                      | 18 | each port must be 1 to 65535
            router: { ports: 20000 - 20009 }                    | 18 | is not allowed: a range of host ports
            router: { ports: "20000-20009; x" }                 | 18 | is not allowed: a range of host ports
            router: { ports: [20000, 20009] }                   | 18 | expected a single value
            router: { listen: "20001", ports: 20000-20009 }     | 35 | holds 20001, where nginx itself listens
            router: { kind: nginx-container, ports: 20000-20009 } | 41 | only applies with kind: nginx-host
            """)
    void badRangesNameTheFieldLineAndColumn(String router, int column, String words) {
        SpecException e = assertThrows(SpecException.class, () -> parse("app: nest\nnetwork: web\n" + router + "\n"));
        assertEquals("router.ports", e.field(), e.getMessage());
        assertEquals(3, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        assertTrue(e.getMessage().contains(words), e.getMessage());
        assertTrue(e.getMessage().startsWith("protostar.yml:3:" + column + ": router.ports: "), e.getMessage());
    }

    @Test
    void aRangeOnItsOwnLineIsPlacedThere() {
        SpecException e = assertThrows(SpecException.class, () -> parse("""
                app: nest
                router:
                  listen: 127.0.0.1:8080
                  ports: 20000-20001
                """));
        assertEquals("protostar.yml:4:10: router.ports: 20000-20001 holds 2 port(s); at least 4 are needed, as many as can run at "
                + "once: the live color, the previous one (kept to roll back to), the new one booting beside them, and one a deploy "
                + "that died set aside", e.getMessage());
    }
}
