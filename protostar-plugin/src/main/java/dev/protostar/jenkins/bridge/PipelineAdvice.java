package dev.protostar.jenkins.bridge;

import dev.protostar.core.api.Advice;

/**
 * The engine's next-step advice in Pipeline terms ({@code protostarSwitch to: 'previous'}, {@code protostarReleaseLock},
 * the step's {@code spec:} parameter). The words are made on the controller from Messages.properties and travel to the
 * agent with the call, so the agent needs no resource bundle: only this record, a plugin class the class filter admits.
 *
 * @param switchToBlue what moves traffic to blue
 * @param switchToGreen what moves traffic to green
 * @param switchToPrevious what moves traffic back to the previous color
 * @param deploy what deploys a new version, when no color's container runs to switch to
 * @param status what shows which color answers
 * @param releaseLock what releases a lock whoever holds it
 * @param releaseLockOf what releases a lock only while it names a holder: {@link #HOLDER} stands for the holder
 * @param specLocation how to name the spec file
 * @param history what lists the app's history with the ids a rollback can go back to
 * @param rollbackField the step parameter that names what a rollback goes back to
 */
public record PipelineAdvice(String switchToBlue, String switchToGreen, String switchToPrevious, String deploy,
                             String status, String releaseLock, String releaseLockOf, String specLocation, String history,
                             String rollbackField) implements Advice {
    private static final long serialVersionUID = 1L;
    /** Where the holder goes in {@link #releaseLockOf}: a character no message contains. */
    public static final String HOLDER = "\u241F";

    @Override
    public String switchTo(String target) {
        return switch (target) {
            case "blue" -> switchToBlue;
            case "green" -> switchToGreen;
            default -> switchToPrevious;
        };
    }

    @Override
    public String deploy() {
        return deploy;
    }

    @Override
    public String status() {
        return status;
    }

    @Override
    public String releaseLock(String holder) {
        if (holder == null || holder.isBlank() || holder.length() > 1000) {
            return releaseLock;
        }
        // It goes into a Groovy string literal in single quotes.
        return releaseLockOf.replace(HOLDER, holder.replace("\\", "\\\\").replace("'", "\\'"));
    }

    @Override
    public String specLocation() {
        return specLocation;
    }

    @Override
    public String history() {
        return history;
    }

    @Override
    public String rollbackField() {
        return rollbackField;
    }
}
