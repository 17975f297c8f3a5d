package dev.protostar.jenkins.bridge;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.function.UnaryOperator;

/**
 * What releasing a deploy lock did, per Docker engine, as the agent sends it back (a plugin type; see {@link DeployReport}).
 *
 * @param released false when the lock named another holder than the step's and was left alone
 */
public record ReleaseReport(ArrayList<String> lines, boolean released) implements Serializable {
    public ReleaseReport reworded(UnaryOperator<String> words) {
        ArrayList<String> said = new ArrayList<>();
        lines.forEach(l -> said.add(words.apply(l)));
        return new ReleaseReport(said, released);
    }
}
