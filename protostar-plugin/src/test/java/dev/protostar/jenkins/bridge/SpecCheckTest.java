package dev.protostar.jenkins.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpecCheckTest {
    @Test
    void aValidSharedSpecPasses() {
        assertNull(SpecCheck.sharedSpec("nest", "app: nest\nport: 3000\nrouter: { listen: 127.0.0.1:8080 }\n"));
    }

    @Test
    void aSharedSpecErrorNamesItsLineColumnAndField() {
        String problem = SpecCheck.sharedSpec("nest", "app: nest\nport: 3000\nhealth:\n  successes: 0\n");
        assertNotNull(problem);
        assertTrue(problem.startsWith("nest:4:"), problem);
        assertTrue(problem.contains("health.successes"), problem);
    }

    @Test
    void invalidYamlIsReportedWithItsLine() {
        String problem = SpecCheck.sharedSpec("nest", "app: nest\nport: [3000\n");
        assertNotNull(problem);
        assertTrue(problem.startsWith("nest:"), problem);
        assertTrue(problem.contains("not valid YAML"), problem);
    }

    @Test
    void anEmptySharedSpecIsAnError() {
        assertEquals("the spec is empty", SpecCheck.sharedSpec("nest", " \n"));
    }

    @Test
    void sectionErrorsUseTheLinesAsTyped() {
        assertNull(SpecCheck.section("health", "path: /health\nsuccesses: 3"));
        assertNull(SpecCheck.section("router", null));
        String problem = SpecCheck.section("health", "path: /health\nsuccesses: 0\n");
        assertNotNull(problem);
        assertTrue(problem.startsWith("Default health policy, line 2, column 12: health.successes: "), problem);
    }

    @Test
    void aRouterDefaultForNginxInAContainerPasses() {
        assertNull(SpecCheck.section("router", "kind: nginx-container\ncontainer: nginx"));
    }

    @Test
    void unknownKeysInASectionAreErrors() {
        String problem = SpecCheck.section("router", "includeDir: /etc/nginx/conf.d\nlisten: 8080\nlsiten: 80\n");
        assertNotNull(problem);
        assertTrue(problem.startsWith("Router defaults, line 3, column "), problem);
    }

    @Test
    void namesAreLikeAppNames() {
        assertNull(SpecCheck.name("nest-api"));
        assertNotNull(SpecCheck.name("Nest"));
        assertNotNull(SpecCheck.name(null));
        assertNotNull(SpecCheck.name("../x"));
    }
}
