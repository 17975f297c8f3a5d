package dev.protostar.jenkins.bridge;

import java.io.Serializable;

/**
 * What the agent found in the app's history for a step cut off by a controller restart: a plugin type of JDK values,
 * as the controller's class filter wants (see {@link DeployReport}).
 *
 * @param found the step's own record, or null
 * @param lockHeldByOwner whether the app's deploy lock still names this build (its engine is still running)
 * @param problem why the history could not be read, or null
 */
public record ResumeReport(DeployReport found, boolean lockHeldByOwner, String problem) implements Serializable {
    public ResumeReport reworded(java.util.function.UnaryOperator<String> words) {
        return new ResumeReport(found == null ? null : found.reworded(words), lockHeldByOwner, words.apply(problem));
    }
}
