package dev.protostar.jenkins.bridge;

import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.VerifyResult;
import dev.protostar.core.spec.Durations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Engine results as the values a Jenkinsfile gets back, and as the words a failed step ends with. */
public final class StepValues {
    private StepValues() {}

    /** Plain, serializable values only: a Pipeline keeps them in its program state. */
    public static Map<String, Object> deploy(DeployResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("app", r.app());
        m.put("color", r.color());
        m.put("previousColor", r.previousColor());
        m.put("image", r.imageName());
        m.put("imageId", r.imageId());
        m.put("outcome", r.outcome().name());
        m.put("millis", r.millis());
        m.put("duration", Durations.seconds(r.millis()));
        return m;
    }

    public static Map<String, Object> verify(VerifyResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("app", r.app());
        m.put("color", r.color());
        m.put("ok", r.ok());
        m.put("problems", new ArrayList<>(r.problems()));
        return m;
    }

    /** The closing line of a deploy or switch, as the CLI prints it. */
    public static String summary(DeployResult r) {
        String app = r.app() == null ? "the app" : r.app();
        String phase = r.failedPhase() == null ? "?" : r.failedPhase().word();
        return switch (r.outcome()) {
            case SUCCEEDED -> app + ": " + r.color() + " is live (" + (r.imageName() == null ? "?" : r.imageName())
                    + ") after " + Durations.seconds(r.millis());
            case FAILED_BEFORE_SWITCH -> app + ": " + r.action() + " failed in " + phase + "; nothing was switched"
                    + (r.color() == null ? "" : ", " + r.color() + " is still live");
            case SWITCHED_BACK -> app + ": " + r.action() + " failed in " + phase + " and traffic went back to "
                    + (r.color() == null ? "no route" : r.color());
            case FAILED -> app + ": " + r.action() + " failed in " + phase + " and could not be made safe; check protostar status";
        };
    }

    /** Why a deploy or switch failed: the summary, then the engine's explanation. */
    public static String failure(DeployResult r) {
        return r.error() == null ? summary(r) : summary(r) + "\n" + r.error();
    }

    /** One line per problem, each named, for the log and for the failure message. */
    public static List<String> problems(VerifyResult r) {
        List<String> lines = new ArrayList<>();
        String app = r.app() == null ? "the app" : r.app();
        lines.add(app + ": verify found " + r.problems().size() + " problem(s):");
        r.problems().forEach(p -> lines.add("  - " + p));
        return lines;
    }
}
