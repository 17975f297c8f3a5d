package dev.protostar.jenkins.bridge;

import dev.protostar.core.spec.Arguments;
import java.util.ArrayList;
import java.util.List;

/**
 * A step's own arguments (next to its spec), checked with the engine's rules before a request is
 * made of them. Each problem names the argument as a Jenkinsfile writes it, e.g.
 * {@code image: "x y" is not an image reference: …}.
 */
public final class StepArguments {
    private StepArguments() {}

    /** protostarDeploy's {@code image} and {@code revision}, and the owner the build gives it. */
    public static List<String> deploy(String image, String revision, String owner) {
        List<String> problems = new ArrayList<>();
        add(problems, "image", Arguments.imageProblem(image));
        add(problems, "revision", Arguments.revisionProblem(revision));
        add(problems, "owner", Arguments.ownerProblem(owner));
        return problems;
    }

    /** protostarSwitch's {@code to}, and the owner the build gives it. */
    public static List<String> switchTo(String to, String owner) {
        List<String> problems = new ArrayList<>();
        add(problems, "to", Arguments.switchTargetProblem(to));
        add(problems, "owner", Arguments.ownerProblem(owner));
        return problems;
    }

    /** Every step's {@code spec} (a path in the workspace) and {@code sharedSpec} (a name in the global configuration). */
    public static List<String> spec(String spec, String sharedSpec) {
        List<String> problems = new ArrayList<>();
        add(problems, "spec", SpecSource.pathProblem(spec));
        if (sharedSpec != null) {
            add(problems, "sharedSpec", SpecCheck.name(sharedSpec));
        }
        return problems;
    }

    private static void add(List<String> problems, String argument, String problem) {
        if (problem != null) {
            problems.add(argument + ": " + problem);
        }
    }
}
