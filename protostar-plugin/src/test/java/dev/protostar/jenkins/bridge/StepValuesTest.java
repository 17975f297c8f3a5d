package dev.protostar.jenkins.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.VerifyResult;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepValuesTest {
    private static final DeployReport OK = DeployReport.of(new DeployResult("nest", "deploy", Outcome.SUCCEEDED, "green", "blue",
            "nest:42", "sha256:abc", 12_400, Map.of("build", 10_000L), null, null));

    @Test
    void aDeployReturnsWhatTheJenkinsfileNeeds() throws Exception {
        Map<String, Object> m = StepValues.deploy(OK);
        assertEquals(List.of("app", "color", "previousColor", "image", "imageId", "outcome", "millis", "duration"), List.copyOf(m.keySet()));
        assertEquals("green", m.get("color"));
        assertEquals("blue", m.get("previousColor"));
        assertEquals("nest:42", m.get("image"));
        assertEquals(12_400L, m.get("millis"));
        assertEquals("12.40 s", m.get("duration"));
        assertInstanceOf(LinkedHashMap.class, m);
        serializable(m);
    }

    @Test
    void verifyReturnsEachProblem() throws Exception {
        Map<String, Object> m = StepValues.verify(VerifyReport.of(new VerifyResult("nest", "blue", List.of("a", "b"), 5)));
        assertEquals(false, m.get("ok"));
        assertEquals(List.of("a", "b"), m.get("problems"));
        assertInstanceOf(ArrayList.class, m.get("problems"));
        serializable(m);
    }

    private static void serializable(Object o) throws Exception {
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(o);
        }
    }
}
