package dev.protostar.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code container} block: what a main server's app needs around its image, every value checked where it is. */
class SpecContainerTest {
    private static AppSpec parse(String yaml) {
        return SpecParser.parse("protostar.yml", yaml, Path.of("/srv/repo"));
    }

    @Test
    void everyOptionIsRead() {
        ContainerOptions c = parse("""
                app: fastapi
                network: web
                container:
                  volumes:
                    - models:/models:ro
                    - /srv/uploads:/app/uploads
                    - cache:/cache:rw
                  memory: 2g
                  cpus: 1.5
                  networks: [db, cache-net]
                  labels: { team: ml, com.example.tier: backend }
                  logging: { driver: json-file, options: { max-size: 10m, max-file: 3 } }
                  user: "1000:1000"
                  gpus: all
                  extraHosts: ["db.internal:10.0.0.5", "host.docker.internal:host-gateway", "v6.internal:2001:db8::1"]
                  ulimits: { nofile: { soft: 65536, hard: 65536 }, nproc: 4096 }
                  init: false
                """).container();
        assertEquals(List.of(new ContainerOptions.Volume("models", "/models", true),
                new ContainerOptions.Volume("/srv/uploads", "/app/uploads", false),
                new ContainerOptions.Volume("cache", "/cache", false)), c.volumes());
        assertFalse(c.volumes().get(0).bind());
        assertTrue(c.volumes().get(1).bind());
        assertEquals(2L << 30, c.memoryBytes());
        assertEquals(1_500_000_000L, c.nanoCpus());
        assertEquals(List.of("db", "cache-net"), c.networks());
        assertEquals(Map.of("team", "ml", "com.example.tier", "backend"), c.labels());
        assertEquals(new ContainerOptions.Logging("json-file", Map.of("max-size", "10m", "max-file", "3")), c.logging());
        assertEquals("1000:1000", c.user());
        assertEquals(ContainerOptions.ALL_GPUS, c.gpus());
        assertEquals(List.of("db.internal:10.0.0.5", "host.docker.internal:host-gateway", "v6.internal:2001:db8::1"), c.extraHosts());
        assertEquals(List.of(new ContainerOptions.Ulimit("nofile", 65536, 65536), new ContainerOptions.Ulimit("nproc", 4096, 4096)),
                c.ulimits());
        assertFalse(c.init());
        assertEquals(2, parse("app: a\ncontainer: { gpus: 2 }\n").container().gpus());
        assertEquals(512L << 20, parse("app: a\ncontainer: { memory: 512M }\n").container().memoryBytes());
        assertEquals(250_000_000L, parse("app: a\ncontainer: { cpus: \"0.25\" }\n").container().nanoCpus());
        assertEquals("node", parse("app: a\ncontainer: { user: node }\n").container().user());
    }

    @Test
    void withoutTheBlockTheDefaultsAreTodays() {
        ContainerOptions c = parse("app: a\n").container();
        assertEquals(ContainerOptions.DEFAULT, c);
        assertTrue(c.init(), "an init process, as before");
        assertNull(c.gpus());
        assertEquals(0, c.memoryBytes());
        assertEquals(ContainerOptions.DEFAULT, parse("app: a\ncontainer: {}\n").container());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            volumes: models                                  | container.volumes    | 4 | expected a list
            volumes: [models]                                | container.volumes[0] | 4 | expected source:target
            volumes: ["models:/m:rx"]                        | container.volumes[0] | 4 | not a mode
            volumes: ["./data:/data"]                        | container.volumes[0] | 4 | must be an absolute path on the Docker engine's host
            volumes: ["/srv/../etc:/data"]                   | container.volumes[0] | 4 | not allowed as a source
            volumes: ["a b:/data"]                           | container.volumes[0] | 4 | not allowed as a source
            volumes: ["m:data"]                              | container.volumes[0] | 4 | not allowed as a target
            volumes: ["m:/"]                                 | container.volumes[0] | 4 | not allowed as a target
            volumes: ["m:/d", "n:/d"]                        | container.volumes[1] | 4 | a second volume at /d
            volumes: ["m:/d:ro:x"]                           | container.volumes[0] | 4 | expected source:target
            memory: lots                                     | container.memory     | 4 | a size like 512m
            memory: 1m                                       | container.memory     | 4 | from 6m to 1024g
            memory: 2t                                       | container.memory     | 4 | a size like 512m
            memory: 2000g                                    | container.memory     | 4 | from 6m to 1024g
            cpus: 0                                          | container.cpus       | 4 | from 0.01 to 1024
            cpus: -1                                         | container.cpus       | 4 | not a number of CPUs
            cpus: 0.0001                                     | container.cpus       | 4 | at most three decimals
            cpus: 2000                                       | container.cpus       | 4 | from 0.01 to 1024
            networks: [web]                                  | container.networks[0] | 4 | the app's network already
            networks: [host]                                 | container.networks[0] | 4 | cannot be an extra network
            networks: [db, db]                               | container.networks[1] | 4 | listed twice
            networks: ["db;x"]                               | container.networks[0] | 4 | not a Docker network name
            labels: { dev.protostar.color: blue }            | container.labels     | 4 | Protostar's own
            labels: { "a b": x }                             | container.labels     | 4 | not allowed as a name
            labels: { team: "a\\nb" }                        | container.labels.team | 4 | one line
            logging: { driver: fancy }                       | container.logging.driver | 4 | json-file, local
            logging: { options: { max-size: 10 MB } }        | container.logging.options.max-size | 4 | a size like 10m
            logging: { options: { max-file: 0 } }            | container.logging.options.max-file | 4 | 1 to 9999
            logging: { driver: none, options: { a: b } }     | container.logging.options | 4 | takes no options
            logging: { options: { "Max Size": 1 } }          | container.logging.options | 4 | not allowed as a name
            logging: { drivr: local }                        | container.logging.drivr | 4 | unknown field
            user: "root; id"                                 | container.user       | 4 | a user name or uid
            user: "1000:1000:1"                              | container.user       | 4 | a user name or uid
            gpus: some                                       | container.gpus       | 4 | expected a whole number
            gpus: 0                                          | container.gpus       | 4 | between 1 and 64
            extraHosts: ["db.internal"]                      | container.extraHosts[0] | 4 | expected name:address
            extraHosts: ["db.internal:300.1.1.1"]            | container.extraHosts[0] | 4 | each number is 0 to 255
            extraHosts: ["db internal:10.0.0.1"]             | container.extraHosts[0] | 4 | not a host name
            extraHosts: ["db:example.com"]                   | container.extraHosts[0] | 4 | not an IP address
            extraHosts: ["db:::zz"]                          | container.extraHosts[0] | 4 | not an IP address
            ulimits: { files: 10 }                           | container.ulimits    | 4 | not a ulimit
            ulimits: { nofile: lots }                        | container.ulimits.nofile | 4 | expected a whole number
            ulimits: { nofile: -1 }                          | container.ulimits.nofile | 4 | between 0 and
            ulimits: { nofile: { soft: 10, hard: 5 } }       | container.ulimits.nofile.soft | 4 | must not be above hard
            ulimits: { nofile: { soft: 10 } }                | container.ulimits.nofile.hard | 4 | is required
            ulimits: { nofile: { soft: 1, hard: 2, max: 3 } } | container.ulimits.nofile.max | 4 | unknown field
            init: maybe                                      | container.init       | 4 | expected true or false
            privileged: true                                 | container.privileged | 4 | unknown field
            """)
    void badValuesNameTheFieldAndLine(String field, String expected, int line, String words) {
        SpecException e = assertThrows(SpecException.class, () -> parse("app: a\nnetwork: web\ncontainer:\n  "
                + field + "\n"));
        assertEquals(expected, e.field(), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.column() > 0, e.getMessage());
        assertTrue(e.getMessage().contains(words), e.getMessage());
    }

    @Test
    void aBadListItemIsPlacedAtTheItem() {
        SpecException e = assertThrows(SpecException.class, () -> parse("""
                app: a
                container:
                  volumes:
                    - models:/models
                    - "./x:/x"
                """));
        assertEquals("container.volumes[1]", e.field());
        assertEquals(5, e.line());
        assertEquals(7, e.column());
    }

    @Test
    void theContainerBlockIsNotAMapping() {
        SpecException e = assertThrows(SpecException.class, () -> parse("app: a\ncontainer: [x]\n"));
        assertEquals("container", e.field());
        assertTrue(e.getMessage().contains("expected a mapping"), e.getMessage());
    }
}
