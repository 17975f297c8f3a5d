package dev.protostar.jenkins.bridge;

import dev.protostar.core.api.DeployResult;
import java.io.Serializable;
import java.util.function.UnaryOperator;

/**
 * What a deploy or switch did, as the agent sends it back: a plugin type of strings and numbers.
 *
 * <p>The controller reads every reply through Jenkins' class filter (JEP-200, jenkins-core
 * {@code jenkins/security/ClassFilterImpl.java}, {@code isBlacklisted(Class)}): besides enums and
 * throwables it admits classes from core, remoting and plugin jars (a manifest with {@code Short-Name}
 * and {@code Plugin-Version}), and JDK classes listed in {@code whitelisted-classes.txt}. The engine's
 * records come from {@code WEB-INF/lib/protostar-core.jar}, a plain library jar, and are refused
 * ({@code SecurityException: Rejected}). Marking that jar {@code Jenkins-ClassFilter-Whitelisted} would
 * admit every class the engine has or ever gains; converting here admits exactly these fields.
 *
 * @param outcome the engine's {@code Outcome} constant's name
 * @param color the color live at the end, or null when none is
 * @param failedPhase the failed phase's word ({@code gate}), or null
 * @param error what went wrong and what to do, or null
 * @param endpoint the Docker engine(s) the command acted on, as their URIs (comma-separated), or null when not known
 */
public record DeployReport(String app, String action, String outcome, String color, String previousColor, String image,
                           String imageId, long millis, String failedPhase, String error, String endpoint) implements Serializable {

    public DeployReport(String app, String action, String outcome, String color, String previousColor, String image,
                        String imageId, long millis, String failedPhase, String error) {
        this(app, action, outcome, color, previousColor, image, imageId, millis, failedPhase, error, null);
    }

    /** Made on the agent, from the engine's result. */
    public static DeployReport of(DeployResult r) {
        return new DeployReport(r.app(), r.action(), r.outcome().name(), r.color(), r.previousColor(), r.imageName(),
                r.imageId(), r.millis(), r.failedPhase() == null ? null : r.failedPhase().word(), r.error());
    }

    public DeployReport reworded(UnaryOperator<String> words) {
        return new DeployReport(app, action, outcome, color, previousColor, image, imageId, millis, failedPhase, words.apply(error), endpoint);
    }

    /** With {@code mask} applied to every text it holds: no secret leaves the agent in any field. */
    public DeployReport masked(UnaryOperator<String> mask) {
        return new DeployReport(mask.apply(app), action, outcome, color, previousColor, mask.apply(image), mask.apply(imageId), millis,
                failedPhase, mask.apply(error), mask.apply(endpoint));
    }

    /** The same, naming the Docker engine(s) it acted on. */
    public DeployReport on(String engines) {
        return new DeployReport(app, action, outcome, color, previousColor, image, imageId, millis, failedPhase, error, engines);
    }

    public boolean ok() {
        return "SUCCEEDED".equals(outcome);
    }
}
