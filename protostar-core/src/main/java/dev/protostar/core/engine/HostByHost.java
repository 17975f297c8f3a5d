package dev.protostar.core.engine;

import dev.protostar.core.Uninterrupted;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.DockerEndpoint;
import dev.protostar.core.api.Event;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A change on an app that runs on several Docker hosts (each with its own nginx): host by host,
 * each health-gated and verified, stopping at the first host that fails and switching the hosts
 * already changed back to the color they had, so the app never stays on mixed versions.
 */
final class HostByHost {
    private HostByHost() {}

    /**
     * @param change runs the change on one host
     * @param switchBack puts one host back on a color (the one it had before the change)
     */
    static DeployResult run(String action, List<DockerEndpoint> hosts, EventListener listener,
                            java.util.function.Function<DockerEndpoint, DeployResult> change,
                            BiFunction<DockerEndpoint, String, DeployResult> switchBack) {
        List<DeployResult> done = new ArrayList<>();
        Map<String, Long> phases = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < hosts.size(); i++) {
            DockerEndpoint host = hosts.get(i);
            tell(listener, "host " + (i + 1) + " of " + hosts.size() + ": " + host.host());
            DeployResult r;
            try {
                r = change.apply(host);
            } catch (RuntimeException e) {
                // e.g. the host's TLS material does not load: nothing happened there, but earlier hosts changed
                r = new DeployResult(null, action, Outcome.FAILED_BEFORE_SWITCH, null, null, null, null, 0, Map.of(), Phase.DISCOVER,
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
            String tag = "host" + (i + 1) + ".";
            r.phases().forEach((phase, ms) -> phases.put(tag + phase, ms));
            if (!r.ok()) {
                return failed(action, hosts, i, r, done, listener, switchBack, phases, t0);
            }
            done.add(r);
        }
        DeployResult first = done.get(0);
        // A host's change can succeed with a warning (an afterSwitch hook that failed): each is passed on, naming its host.
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < done.size(); i++) {
            if (done.get(i).error() != null) {
                warnings.add(hosts.get(i).host() + ": " + done.get(i).error());
            }
        }
        return new DeployResult(first.app(), action, Outcome.SUCCEEDED, first.color(), first.previousColor(), first.imageName(),
                first.imageId(), millis(t0), phases, null, warnings.isEmpty() ? null : String.join("\n", warnings));
    }

    private static DeployResult failed(String action, List<DockerEndpoint> hosts, int failedAt, DeployResult r,
                                       List<DeployResult> done, EventListener listener,
                                       BiFunction<DockerEndpoint, String, DeployResult> switchBack,
                                       Map<String, Long> phases, long t0) {
        StringBuilder error = new StringBuilder("on host " + (failedAt + 1) + " of " + hosts.size() + " ("
                + hosts.get(failedAt).host() + "): " + r.error());
        if (failedAt + 1 < hosts.size()) {
            error.append("\nThe hosts after it were not touched.");
        }
        boolean allBack = true;
        for (int j = done.size() - 1; j >= 0; j--) {
            DeployResult d = done.get(j);
            String host = hosts.get(j).host();
            if (d.previousColor() == null || d.previousColor().equals(d.color())) {
                error.append("\n").append(host).append(": ").append(d.previousColor() == null
                        ? "this was the app's first deploy there, so it keeps " + d.color() + " (there is nothing to go back to)"
                        : "unchanged");
                continue;
            }
            tell(listener, "switching " + host + " back to " + d.previousColor() + ", so that no host stays on the new version");
            DeployResult back;
            try {
                // Also when this change was asked to stop: leaving hosts on mixed versions is worse.
                DockerEndpoint target = hosts.get(j);
                back = Uninterrupted.get(() -> switchBack.apply(target, d.previousColor()));
            } catch (RuntimeException e) {
                back = new DeployResult(null, "switch", Outcome.FAILED, null, null, null, null, 0, Map.of(), Phase.SWITCH, e.getMessage());
            }
            if (back.ok()) {
                error.append("\n").append(host).append(": switched back to ").append(d.previousColor()).append(" (it had served ")
                        .append(d.color()).append(" since its switch)");
            } else {
                allBack = false;
                error.append("\n").append(host).append(": SWITCHING BACK FAILED, it still serves ").append(d.color())
                        .append(": ").append(back.error());
            }
        }
        // The failing host itself may not have got back (its own switch-back failed): then nothing is clean.
        allBack &= r.outcome() != Outcome.FAILED;
        Outcome outcome = !allBack ? Outcome.FAILED : done.isEmpty() ? r.outcome() : Outcome.SWITCHED_BACK;
        String color = done.isEmpty() ? r.color() : done.get(0).previousColor();
        String app = r.app() != null ? r.app() : done.isEmpty() ? null : done.get(0).app();
        return new DeployResult(app, action, outcome, allBack ? color : null, done.isEmpty() ? r.previousColor()
                : done.get(0).previousColor(), r.imageName(), r.imageId(), millis(t0), phases, r.failedPhase(), error.toString());
    }

    private static void tell(EventListener listener, String message) {
        try {
            listener.onEvent(new Event(Event.Kind.INFO, Phase.SPEC, message, 0));
        } catch (RuntimeException ignored) {
            // a listener's failure never stops a deploy
        }
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
