package dev.protostar.jenkins.bridge;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.function.UnaryOperator;

/**
 * What releasing a deploy lock did, per Docker engine, as the agent sends it back (a plugin type; see {@link DeployReport}).
 * The step words it on the controller.
 *
 * @param engines what happened on each engine, in order (an {@code ArrayList}, which the controller's filter admits)
 * @param problem why nothing was released (a spec it cannot read, an engine it cannot reach), or null
 */
public record ReleaseReport(ArrayList<Engine> engines, String problem) implements Serializable {
    private static final long serialVersionUID = 1L;

    public ReleaseReport {
        engines = engines == null ? new ArrayList<>() : engines;
    }

    /** What one engine's lock was. */
    public enum State { RELEASED, HELD_BY_ANOTHER, NOT_HELD }

    /**
     * @param host the Docker engine
     * @param holder who held the lock, described (owner, host, since, lease), or null when none was held
     */
    public record Engine(String host, State state, String holder) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** False when nothing could be released, or a lock named another holder than the step's and was left alone. */
    public boolean released() {
        return problem == null && engines.stream().noneMatch(e -> e.state() == State.HELD_BY_ANOTHER);
    }

    public ReleaseReport reworded(UnaryOperator<String> words) {
        return new ReleaseReport(engines, problem == null ? null : words.apply(problem));
    }
}
