package dev.protostar.jenkins.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import dev.protostar.core.api.VerifyResult;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepValuesTest {
    private static final DeployResult OK = new DeployResult("nest", "deploy", Outcome.SUCCEEDED, "green", "blue",
            "nest:42", "sha256:abc", 12_400, Map.of("build", 10_000L), null, null);

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
        Map<String, Object> m = StepValues.verify(new VerifyResult("nest", "blue", List.of("a", "b"), 5));
        assertEquals(false, m.get("ok"));
        assertEquals(List.of("a", "b"), m.get("problems"));
        assertInstanceOf(ArrayList.class, m.get("problems"));
        serializable(m);
    }

    @Test
    void aFailureSaysWhatStayedLiveThenWhy() {
        DeployResult failed = new DeployResult("nest", "deploy", Outcome.FAILED_BEFORE_SWITCH, "blue", "blue", null, null, 900,
                Map.of(), Phase.GATE, "nest-green is not healthy");
        assertEquals("nest: deploy failed in gate; nothing was switched, blue is still live\nnest-green is not healthy",
                StepValues.failure(failed));
        DeployResult back = new DeployResult("nest", "switch", Outcome.SWITCHED_BACK, "green", "green", null, null, 900,
                Map.of(), Phase.VERIFY, null);
        assertEquals("nest: switch failed in verify and traffic went back to green", StepValues.failure(back));
    }

    @Test
    void problemsAreListedOnePerLine() {
        List<String> lines = StepValues.problems(new VerifyResult("nest", "blue", List.of("nginx answers green", "nest-blue is not running"), 0));
        assertEquals(List.of("nest: verify found 2 problem(s):", "  - nginx answers green", "  - nest-blue is not running"), lines);
    }

    @Test
    void theSuccessLineNamesColorImageAndTime() {
        assertTrue(StepValues.summary(OK).startsWith("nest: green is live (nest:42) after 12.40 s"));
    }

    private static void serializable(Object o) throws Exception {
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(o);
        }
    }
}
