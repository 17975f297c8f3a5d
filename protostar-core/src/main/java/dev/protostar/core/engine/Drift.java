package dev.protostar.core.engine;

import dev.protostar.core.docker.ColorContainer;
import dev.protostar.core.router.Route;
import dev.protostar.core.spec.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compares what nginx routes to, which containers run and how healthy they are, and the last
 * recorded deploy, and says each mismatch in words: the point is to detect drift, never to hide it.
 */
final class Drift {
    private Drift() {}

    /** @param oneOfSeveralHosts records imported from an old history file then mix the hosts' own image ids, so they are not compared */
    static List<String> of(Session s, Route live, boolean oneOfSeveralHosts) {
        List<String> problems = new ArrayList<>();
        s.liveContainerProblem(live).ifPresent(problems::add);
        Optional<ColorContainer> running = s.containers.find(s.spec, live.color());
        if (running.isPresent() && live.image() != null && !live.image().equals(running.get().imageId())) {
            problems.add(running.get().name() + " runs image " + shortId(running.get().imageId()) + ", but the last deploy put "
                    + shortId(live.image()) + " there: the container was replaced outside Protostar");
        }
        if (live.backup() != null) {
            Optional<ColorContainer> standby = s.containers.find(s.spec, live.color().other());
            if (standby.isEmpty() || !standby.get().running() || !live.backup().equals(standby.get().endpoint())) {
                problems.add("nginx's backup for " + live.color() + " is " + live.backup() + ", but " + s.spec.containerName(live.color().other())
                        + (standby.isEmpty() ? " is gone" : !standby.get().running() ? " is " + standby.get().state()
                        : " listens on " + standby.get().endpoint()) + ", so nothing catches a request the live color drops; "
                        + (s.switchable(live.color()) ? s.advice.switchTo(live.color().word()) + " routes it afresh (health-gated)"
                        : s.instead(live.color())));
            }
        }
        List<String> ours = List.of(s.spec.containerName(Color.BLUE), s.spec.containerName(Color.GREEN));
        for (String name : s.containers.namesLabelled(s.spec.app())) {
            if (ours.stream().anyMatch(o -> name.startsWith(o + Deploy.ASIDE))) {
                problems.add(name + " was set aside by a deploy and is not removed yet (a deploy is retiring it now, or one "
                        + "died before it could): the next deploy removes it");
            } else if (!ours.contains(name)) {
                problems.add("an unknown container " + name + " carries the labels of " + s.spec.app()
                        + " (Protostar only runs " + String.join(" and ", ours) + "); remove it or its labels");
            }
        }
        if (!s.router.writtenAsIs(live)) {
            problems.add("the route in " + s.router.where() + " differs from what Protostar wrote for "
                    + live.color() + ": it was edited by hand (or the spec's router settings changed since the last deploy); "
                    + "the next deploy or switch replaces it");
        }
        s.history().last(20).stream()
                // each engine keeps its own records; an imported old file's (no host) mix several hosts' image ids
                .filter(h -> "SUCCEEDED".equals(h.outcome()) && h.color() != null && (h.host() != null || !oneOfSeveralHosts))
                .reduce((a, b) -> b)
                .filter(h -> !h.color().equals(live.color().word()) || (h.imageId() != null && !h.imageId().equals(live.image())))
                .ifPresent(h -> problems.add("the last deploy recorded on this engine (" + h.action() + " " + h.id() + " at " + h.at()
                        + ") made " + h.color() + " live with image " + shortId(h.imageId()) + ", but nginx routes to "
                        + live.color() + " with image " + shortId(live.image())
                        + ": the route was changed by hand, or by a deploy that could not record it"));
        return problems;
    }

    static String shortId(String id) {
        if (id == null) {
            return "?";
        }
        String bare = id.startsWith("sha256:") ? id.substring(7) : id;
        return bare.substring(0, Math.min(12, bare.length()));
    }
}
