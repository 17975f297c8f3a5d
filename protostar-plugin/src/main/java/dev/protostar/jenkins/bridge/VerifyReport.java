package dev.protostar.jenkins.bridge;

import dev.protostar.core.api.VerifyResult;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What a verify found, as the agent sends it back: a plugin type, for the reason {@link DeployReport} gives.
 *
 * @param problems each mismatch in words (an {@code ArrayList}, which the controller's filter admits); empty when all is well
 */
public record VerifyReport(String app, String color, ArrayList<String> problems, long millis) implements Serializable {
    public VerifyReport {
        problems = problems == null ? new ArrayList<>() : problems;
    }

    /** Made on the agent, from the engine's result. */
    public static VerifyReport of(VerifyResult r) {
        return new VerifyReport(r.app(), r.color(), r.problems() == null ? null : new ArrayList<>(r.problems()), r.millis());
    }

    /** A verify that could not look: not reaching Docker or nginx, or a spec it cannot read, is its one finding. */
    public static VerifyReport problem(String problem) {
        return new VerifyReport(null, null, new ArrayList<>(List.of(String.valueOf(problem))), 0);
    }

    public VerifyReport reworded(UnaryOperator<String> words) {
        ArrayList<String> said = new ArrayList<>();
        problems.forEach(p -> said.add(words.apply(p)));
        return new VerifyReport(app, color, said, millis);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
