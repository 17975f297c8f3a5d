package dev.protostar.core.api;

import java.io.Serializable;

/**
 * The words the engine uses to tell the user what to do next, in the caller's own terms: a command
 * line for the {@code protostar} tool ({@link #COMMAND_LINE}), a Pipeline step in Jenkins. The caller
 * hands it in with the request; it travels with it (to a Jenkins agent, too), hence serializable.
 */
public interface Advice extends Serializable {
    /** The command line's words, the default. */
    Advice COMMAND_LINE = CommandLineAdvice.INSTANCE;

    /**
     * What moves traffic to a color, health-gated.
     *
     * @param target {@code blue}, {@code green} or {@code previous}
     */
    String switchTo(String target);

    /**
     * What deploys a new version (health-gated): the way out when no color's container runs to switch to. The default
     * is plain words; callers with a command of their own name it.
     */
    default String deploy() {
        return "a new deploy";
    }

    /** What shows which color answers now and how each container is doing. */
    String status();

    /**
     * What removes the app's deploy lock, a dead deploy's, sooner than its lease ends.
     *
     * @param holder the owner the lock names, or null when not known
     */
    String releaseLock(String holder);

    /** How to name the spec file when it is not where it was looked for. */
    String specLocation();

    /** What lists the app's history with each entry's id and the versions a rollback can go back to. */
    default String history() {
        return "the app's history";
    }

    /** The name of what a rollback is asked to go back to, as the caller's user writes it ({@code to}, {@code rollbackTo}). */
    default String rollbackField() {
        return "to";
    }
}
