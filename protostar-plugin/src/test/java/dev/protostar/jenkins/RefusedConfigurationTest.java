package dev.protostar.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A form that Save refuses leaves the configuration as it was, including values that were unset
 * (what a first save on an empty JENKINS_HOME has). The instance is made as XStream makes one, without
 * its constructor, since the constructor loads from JENKINS_HOME.
 */
class RefusedConfigurationTest {
    @Test
    void aRefusedFirstSaveLeavesNothingInForce() throws Exception {
        ProtostarGlobalConfiguration c = unsaved();
        List<String> problems = c.bindChecked(() -> {
            set(c, "healthDefaults", "successes: 0");
            set(c, "routerDefaults", "listen: 99999");
            set(c, "sharedSpecs", new ArrayList<>(List.of(new SharedSpec("nest", "app: nest\nport: 0\n"))));
        });
        assertEquals(3, problems.size(), problems::toString);
        assertNull(c.getHealthDefaults());
        assertNull(c.getRouterDefaults());
        assertEquals(List.of(), c.getSharedSpecs());
    }

    @Test
    void aRefusedSaveKeepsWhatWasSaved() throws Exception {
        ProtostarGlobalConfiguration c = unsaved();
        set(c, "healthDefaults", "successes: 3");
        set(c, "dockerHosts", new ArrayList<>(List.of(new DockerHostEntry("main", "tcp://10.0.0.5:2376"))));
        List<String> problems = c.bindChecked(() -> {
            set(c, "healthDefaults", "successes: 0");
            set(c, "routerDefaults", "listen: 8080");
        });
        assertTrue(problems.get(0).startsWith("Default health policy, line 1, column "), problems::toString);
        assertEquals("successes: 3", c.getHealthDefaults());
        assertNull(c.getRouterDefaults(), "a value that was unset before is unset again");
        assertEquals("main", c.getDockerHosts().get(0).getName());
    }

    @Test
    void aValidFormIsKept() throws Exception {
        ProtostarGlobalConfiguration c = unsaved();
        set(c, "healthDefaults", "successes: 3");
        assertEquals(List.of(), c.bindChecked(() -> set(c, "routerDefaults", "listen: 8080")));
        assertEquals("listen: 8080", c.getRouterDefaults());
        assertNull(c.getHealthDefaults(), "the form had no health defaults");
    }

    /** As XStream's reflection provider allocates an object it reads: no constructor runs. */
    private static ProtostarGlobalConfiguration unsaved() throws Exception {
        Class<?> unsafeType = Class.forName("sun.misc.Unsafe");
        Field theUnsafe = unsafeType.getDeclaredField("theUnsafe");
        theUnsafe.setAccessible(true);
        ProtostarGlobalConfiguration c = (ProtostarGlobalConfiguration) unsafeType.getMethod("allocateInstance", Class.class)
                .invoke(theUnsafe.get(null), ProtostarGlobalConfiguration.class);
        set(c, "dockerHosts", new ArrayList<>());
        set(c, "sharedSpecs", new ArrayList<>());
        return c;
    }

    private static void set(ProtostarGlobalConfiguration c, String field, Object value) {
        try {
            Field f = ProtostarGlobalConfiguration.class.getDeclaredField(field);
            f.setAccessible(true);
            f.set(c, value);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
