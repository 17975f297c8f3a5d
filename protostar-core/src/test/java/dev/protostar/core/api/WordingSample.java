package dev.protostar.core.api;

import java.util.List;
import java.util.Map;

/**
 * One deploy's events and results with the lines they read as, for the tests of every place that prints them: the
 * {@code protostar} command's and the Jenkins step's. Each prints these lines behind its own prefix; only the advice
 * ({@link #STATUS}) is in each one's own terms.
 */
public final class WordingSample {
    public static final String APP = "nest";
    /** Stands for {@link Advice#status()} in {@link #closings}. */
    public static final String STATUS = "<status>";

    private WordingSample() {}

    /** A deploy that builds, waits at its gate and fails there: every kind of event. */
    public static List<Event> events() {
        return List.of(
                new Event(Event.Kind.STARTED, Phase.SPEC, null, 0),
                new Event(Event.Kind.FINISHED, Phase.SPEC, null, 20),
                new Event(Event.Kind.STARTED, Phase.LOCK, null, 0),
                new Event(Event.Kind.WARNING, null, "took over the deploy lock from ann on a1", 0),
                new Event(Event.Kind.FINISHED, Phase.LOCK, null, 51),
                new Event(Event.Kind.STARTED, Phase.BUILD, null, 0),
                new Event(Event.Kind.OUTPUT, Phase.BUILD, "Step 1/2 : FROM scratch", 0),
                new Event(Event.Kind.FINISHED, Phase.BUILD, null, 6_400),
                new Event(Event.Kind.STARTED, Phase.GATE, null, 0),
                new Event(Event.Kind.WAITING, Phase.GATE, "last answer 503 {\"status\":\"starting\"}", 12_400),
                new Event(Event.Kind.INFO, Phase.GATE, "nest-green answers 500", 0),
                new Event(Event.Kind.FAILED, Phase.GATE, "nest-green did not become healthy\nits last log lines:\n  boom", 60_020));
    }

    /** The lines of {@link #events}, verbose, each without its prefix. */
    public static List<String> lines(boolean verbose) {
        return java.util.stream.Stream.of(
                "▸ spec",
                "✓ spec         0.02 s",
                "▸ lock",
                "  ! took over the deploy lock from ann on a1",
                "✓ lock         0.05 s",
                "▸ build",
                verbose ? "    │ Step 1/2 : FROM scratch" : null,
                "✓ build        6.40 s",
                "▸ gate",
                "    gate: 12 s, last answer 503 {\"status\":\"starting\"}",
                "    nest-green answers 500",
                "✗ gate        60.02 s  nest-green did not become healthy …")
                .filter(java.util.Objects::nonNull).toList();
    }

    /** One result of each outcome. */
    public static List<DeployResult> results() {
        return List.of(
                new DeployResult(APP, "deploy", Outcome.SUCCEEDED, "green", "blue", "nest:42", "sha256:a", 20_110,
                        Map.of(), null, null),
                new DeployResult(APP, "deploy", Outcome.FAILED_BEFORE_SWITCH, "blue", "blue", "nest:43", null, 61_000,
                        Map.of(), Phase.GATE, "nest-green did not become healthy"),
                new DeployResult(null, "deploy", Outcome.FAILED_BEFORE_SWITCH, null, null, null, null, 5, Map.of(), Phase.SPEC,
                        "protostar.yml, line 3, column 3: health.intervall: unknown field"),
                new DeployResult(APP, "switch", Outcome.SWITCHED_BACK, "green", "green", "nest:41", null, 3_000, Map.of(),
                        Phase.VERIFY, "verify: blue answered 502 through nginx"),
                new DeployResult(APP, "deploy", Outcome.FAILED, null, "blue", "nest:44", null, 9_000, Map.of(), Phase.SWITCH,
                        "nginx -s reload failed"));
    }

    /** The closing line of each of {@link #results}, with {@code status} for the advice's way to look. */
    public static List<String> closings(String status) {
        return List.of(
                "nest: green is live (nest:42) after 20.11 s",
                "nest: deploy failed in gate; nothing was switched, blue is still live",
                "the app: deploy failed in spec; nothing was switched",
                "nest: switch failed in verify and traffic went back to green",
                "nest: deploy failed in switch and could not be made safe; check what is live with " + status);
    }
}
