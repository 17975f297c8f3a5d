package dev.protostar.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MetricsSpecTest {
    private static final Path REPO = Path.of("/srv/repo");

    private static AppSpec parse(String yaml) {
        return SpecParser.parse("protostar.yml", yaml, REPO);
    }

    @Test
    void noSectionPublishesNothing() {
        AppSpec.Metrics m = parse("app: nest\n").metrics();
        assertFalse(m.any());
    }

    @Test
    void everyPartIsRead() {
        AppSpec.Metrics m = parse("""
                app: nest
                metrics:
                  textfileDir: /var/lib/prometheus/node-exporter
                  pushgateway: http://10.0.0.2:9091/
                  events: logs/deploys.jsonl
                  grafana: https://grafana.example/ops
                """).metrics();
        assertEquals(URI.create("https://grafana.example/ops"), m.grafana());
        assertEquals(Path.of("/var/lib/prometheus/node-exporter"), m.textfileDir());
        assertEquals(URI.create("http://10.0.0.2:9091"), m.pushgateway());
        assertEquals(REPO.resolve("logs/deploys.jsonl"), m.events());
        assertTrue(m.any());
        assertEquals(AppSpec.Metrics.STDOUT, parse("app: nest\nmetrics: { events: \"-\" }\n").metrics().events());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "metrics:\\n  textfileDir: var/lib/x        | metrics.textfileDir | 3 | absolute path",
            "metrics:\\n  textfileDir: /var/../etc      | metrics.textfileDir | 3 | without '..'",
            "metrics:\\n  pushgateway: ftp://x:9091      | metrics.pushgateway | 3 | Pushgateway",
            "metrics:\\n  pushgateway: http://x:99999    | metrics.pushgateway | 3 | port outside",
            "metrics:\\n  events: \"a b\"                | metrics.events      | 3 | file path",
            "metrics:\\n  grafana: grafana:3000            | metrics.grafana     | 3 | Grafana",
            "metrics:\\n  textfile: /x                   | metrics.textfile    | 3 | unknown field",
            "metrics: [ /x ]                             | metrics             | 2 | mapping",
    })
    void badValuesNameTheFieldAndLine(String section, String field, int line, String words) {
        SpecException e = assertThrows(SpecException.class, () -> parse("app: nest\n" + section.replace("\\n", "\n") + "\n"));
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains(words), e.getMessage());
    }
}
