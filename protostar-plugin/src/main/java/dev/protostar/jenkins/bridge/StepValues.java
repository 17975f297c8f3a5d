package dev.protostar.jenkins.bridge;

import dev.protostar.core.spec.Durations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/** Engine results as the values a Jenkinsfile gets back (the words a step ends with: {@code Summary}). */
public final class StepValues {
    private StepValues() {}

    /** Plain, serializable values only: a Pipeline keeps them in its program state. */
    public static Map<String, Object> deploy(DeployReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("app", r.app());
        m.put("color", r.color());
        m.put("previousColor", r.previousColor());
        m.put("image", r.image());
        m.put("imageId", r.imageId());
        m.put("outcome", r.outcome());
        m.put("millis", r.millis());
        m.put("duration", Durations.seconds(r.millis()));
        return m;
    }

    public static Map<String, Object> verify(VerifyReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("app", r.app());
        m.put("color", r.color());
        m.put("ok", r.ok());
        m.put("problems", new ArrayList<>(r.problems()));
        return m;
    }
}
