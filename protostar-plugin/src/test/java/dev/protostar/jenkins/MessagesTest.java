package dev.protostar.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The plugin's words live in Messages.properties; the Messages class (made by the localizer in the hpi build,
 * stood in for offline) has one method per key, named as the localizer names it.
 */
class MessagesTest {
    @Test
    void everyKeyHasItsMethodAndNoMore() throws Exception {
        keysMatchMethods(Messages.class);
        keysMatchMethods(dev.protostar.jenkins.bridge.Messages.class);
    }

    private static void keysMatchMethods(Class<?> messages) throws Exception {
        Properties keys = new Properties();
        try (InputStream in = messages.getResourceAsStream("Messages.properties")) {
            keys.load(in);
        }
        Set<String> expected = new TreeSet<>();
        keys.stringPropertyNames().forEach(k -> expected.add(k.replace('.', '_')));
        Set<String> methods = new TreeSet<>();
        for (Method m : messages.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && m.getReturnType() == String.class) {
                methods.add(m.getName());
            }
        }
        assertEquals(expected, methods, messages.getName());
    }

    /** The Pipeline's words for what the engine advises, never the command line's. */
    @Test
    void theEnginesAdviceIsInPipelineTerms() {
        var advice = PipelineWording.advice();
        assertEquals("protostarSwitch to: 'previous'", advice.switchTo("previous"));
        assertEquals("protostarSwitch to: 'green'", advice.switchTo("green"));
        assertEquals("protostarReleaseLock holder: 'https://ci.example/job/nest/7/', with the same spec",
                advice.releaseLock("https://ci.example/job/nest/7/"));
        assertEquals("protostarReleaseLock holder: 'it\\'s', with the same spec", advice.releaseLock("it's"));
        assertTrue(advice.status().startsWith("protostarVerify"), advice.status());
        assertEquals("protostarDeploy", advice.deploy());
        assertTrue(advice.specLocation().contains("spec: 'apps/nest/protostar.yml'"), advice.specLocation());
        assertEquals("rollbackTo", advice.rollbackField(), "a rollback's refusal names the step parameter");
        assertTrue(advice.history().startsWith("the app's history"), advice.history());
        for (String said : List.of(advice.switchTo("blue"), advice.deploy(), advice.status(), advice.releaseLock(null), advice.specLocation())) {
            assertFalse(said.contains("protostar ") || said.contains("--") || said.contains("-f "), said);
        }
    }

    @Test
    void theWordsSayWhatHappenedAndWhatToDo() {
        String lost = Messages.EngineExecution_AgentLost(Messages.EngineExecution_Agent("deploy-1"));
        assertTrue(lost.startsWith("the connection to agent deploy-1 was lost"), lost);
        assertTrue(lost.contains("protostarVerify"), lost);
        assertFalse(lost.contains("protostar lock"), "no command-line advice in a build log: " + lost);
        String refused = Messages.EngineExecution_BuiltInNodeRefused();
        assertTrue(refused.contains("node('<agent label>') { … }"), refused);
        assertTrue(refused.contains("System > Protostar Deploy > Allow deploys on the built-in node"), refused);
        assertTrue(Messages.DockerHosts_UnknownHost("x").contains("System > Protostar Deploy nor"));
        assertEquals("Protostar Deploy", Messages.ProtostarGlobalConfiguration_DisplayName());
    }
}
