package dev.protostar.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What keeps the global configuration from being saved, in the words the form shows. */
class ConfigurationProblemsTest {
    private static final List<DockerHostEntry> HOSTS = List.of(new DockerHostEntry("main", "tcp://10.0.0.5:2376"),
            new DockerHostEntry("local", "unix:///var/run/docker.sock"));

    @Test
    void aValidConfigurationHasNone() {
        assertEquals(List.of(), ProtostarGlobalConfiguration.problems(HOSTS, "includeDir: /etc/nginx/conf.d", "path: /health",
                List.of(new SharedSpec("nest", "app: nest\nport: 3000"))));
        assertEquals(List.of(), ProtostarGlobalConfiguration.problems(List.of(), null, null, List.of()));
    }

    @Test
    void eachProblemIsNamed() {
        List<String> problems = ProtostarGlobalConfiguration.problems(
                List.of(new DockerHostEntry("main", "http://10.0.0.5"), new DockerHostEntry("main", "tcp://10.0.0.6:2376")),
                "listen: 99999",
                "successes: 0",
                List.of(new SharedSpec("Nest", "app: nest"), new SharedSpec("api", "app: api\nport: [")));
        assertEquals(6, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("Router defaults, line 1, column "), problems.get(0));
        assertTrue(problems.get(1).startsWith("Default health policy, line 1, column "), problems.get(1));
        assertTrue(problems.get(2).contains("unix:///path/to/docker.sock or tcp://host:port"), problems.get(2));
        assertEquals("two Docker endpoints are named main", problems.get(3));
        assertTrue(problems.get(4).startsWith("a name is lower-case letters"), problems.get(4));
        assertTrue(problems.get(5).startsWith("api:") && problems.get(5).contains("not valid YAML"), problems.get(5));
    }

    @Test
    void aSharedSpecIsKeptWithOneTrailingNewline() {
        assertEquals("app: nest\nport: 3000\n", new SharedSpec(" nest ", "app: nest\nport: 3000\n\n").getYaml());
        assertEquals("nest", new SharedSpec(" nest ", "app: nest").getName());
    }
}
