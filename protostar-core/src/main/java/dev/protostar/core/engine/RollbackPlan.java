package dev.protostar.core.engine;

import dev.protostar.core.api.DeployRequest;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.DockerEndpoint;
import dev.protostar.core.api.HistoryEntry;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import dev.protostar.core.api.RollbackRequest;
import dev.protostar.core.router.Route;
import dev.protostar.core.spec.AppSpec;
import dev.protostar.core.spec.ImageReference;
import dev.protostar.core.state.History;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A rollback's look before it touches any host: the target from the app's history (all hosts' records), and its image on
 * every host (a multi-host app never switches one host to a version another host no longer has). Then, on each host,
 * the cutover of a deploy of that image.
 */
final class RollbackPlan {
    private RollbackPlan() {}

    /** The target's image is missing on a host. */
    private static final class ImageGone extends RuntimeException {
        ImageGone(String message) {
            super(message);
        }
    }

    /** What one host holds: its history (oldest first), and its live route's image and color (null: no route). */
    record Seen(DockerEndpoint host, List<HistoryEntry> history, String liveImage, String liveColor) {}

    static Preflight of(Hosts on, RollbackRequest request) {
        return (spec, hosts, timeline) -> {
            List<Seen> seen = new ArrayList<>();
            RollbackTarget target;
            try {
                target = timeline.run(Phase.DISCOVER, () -> {
                    for (DockerEndpoint h : hosts) {
                        seen.add(look(on, spec, h, timeline));
                    }
                    RollbackTarget t = RollbackTarget.resolve(spec.app(), request.to(), merged(seen), seen.get(0).liveImage(),
                            request.advice());
                    timeline.info(Phase.DISCOVER, "rolling back to " + t.how() + ": " + RollbackTarget.shown(t.entry()));
                    List<String> missing = new ArrayList<>();
                    for (Seen s : seen) { // every host before the first switch
                        if (!hasImage(on, spec, s.host(), t.imageId(), timeline)) {
                            missing.add(missing(spec, t, s, hosts.size() > 1, request.advice()));
                        }
                    }
                    if (!missing.isEmpty() && pullable(spec, t.entry())) {
                        // A registry image the entry pinned by its digest: pulled by it, the same content, under the locks.
                        timeline.info(Phase.DISCOVER, "not kept on " + missing.size() + " of " + hosts.size() + " host(s): pulled there by "
                                + "its digest " + t.entry().imageDigest() + " before the first switch");
                    } else if (!missing.isEmpty()) {
                        throw new ImageGone(String.join("\n", missing) + "\nNothing on " + (hosts.size() > 1 ? "any host" : "the server")
                                + " was changed. Roll back to a version whose image is kept (" + request.advice().history()
                                + " marks them), or deploy that version again (from its revision, or its image); raise "
                                + "retire.keepImages (now " + spec.retire().keepImages() + ") to keep more versions.");
                    }
                    return t;
                });
            } catch (RollbackTarget.Unresolved e) {
                return ended(spec, timeline, Phase.SPEC, e.getMessage() + "\nNothing on the server was changed.");
            } catch (ImageGone e) {
                return ended(spec, timeline, Phase.DISCOVER, e.getMessage());
            } catch (RuntimeException e) {
                return ended(spec, timeline, Phase.DISCOVER, "could not read the history and images of " + spec.app() + ": "
                        + LockedCommand.describe(e) + "\nNothing on the server was changed.");
            }
            if (seen.stream().allMatch(s -> target.imageId().equals(s.liveImage()))) {
                timeline.info(RollbackTarget.shown(target.entry()) + " is already live; nothing to roll back");
                String live = seen.get(0).liveColor();
                return new Preflight.Cleared(null, new DeployResult(spec.app(), "rollback", Outcome.SUCCEEDED, live, live,
                        target.entry().imageName(), target.imageId(), timeline.millis(), timeline.orderedPhases(), null, null));
            }
            DeployRequest deploy = new DeployRequest(request.specFile(), target.imageId(), request.owner(), target.entry().revision(),
                    List.of(), request.baseDir(), request.environment(), request.advice());
            // The entry's image by its recorded digest (or id), checked on every host under the locks, as a deploy's image is.
            ImagePin pin = ImagePin.rollback(target.entry(), request.advice().rollbackField(), request::variable);
            return new Preflight.Cleared(session -> new Deploy(session, deploy, pin, target).run(), pin, null);
        };
    }

    private static Seen look(Hosts on, AppSpec spec, DockerEndpoint endpoint, Timeline timeline) {
        Host host = on.open(spec, endpoint, timeline::warn);
        try {
            List<HistoryEntry> history = host.history().get().last(History.KEEP);
            Optional<Route> live = host.router().current(spec.app());
            return new Seen(endpoint, history, live.map(Route::image).orElse(null), live.map(r -> r.color().word()).orElse(null));
        } finally {
            host.disconnect().run();
        }
    }

    /** Whether a host that no longer has the entry's image can pull it: a registry gave it a digest, and pull: allows. */
    static boolean pullable(AppSpec spec, HistoryEntry entry) {
        return entry.imageDigest() != null && ImageReference.parse(entry.imageDigest()).namesRegistry()
                && spec.pull() != AppSpec.Pull.NEVER;
    }

    private static boolean hasImage(Hosts on, AppSpec spec, DockerEndpoint endpoint, String imageId, Timeline timeline) {
        Host host = on.open(spec, endpoint, timeline::warn);
        try {
            return host.images().find(imageId).isPresent();
        } finally {
            host.disconnect().run();
        }
    }

    /** One host's history as it is; several hosts' merged by time. */
    static List<HistoryEntry> merged(List<Seen> seen) {
        if (seen.size() == 1) {
            return seen.get(0).history();
        }
        List<HistoryEntry> all = new ArrayList<>();
        seen.forEach(s -> all.addAll(s.history()));
        all.sort(Comparator.comparing(HistoryEntry::at, Comparator.comparing(RollbackPlan::instantOrEpoch)));
        return all;
    }

    private static String missing(AppSpec spec, RollbackTarget target, Seen s, boolean several, dev.protostar.core.api.Advice advice) {
        String where = several ? s.host().host() + ": " : "";
        boolean ranThere = s.history().stream().anyMatch(e -> target.imageId().equals(e.imageId()));
        return advice.rollbackField() + ": " + where + "the image of " + target.how() + ", " + RollbackTarget.shown(target.entry())
                + ", is no longer on "
                + s.host().host() + (ranThere ? ": retire.keepImages (" + spec.retire().keepImages() + ") removed it after newer deploys"
                : ": it never ran there (each host of a multi-host app that builds keeps the images it built itself)");
    }

    private static Preflight.Cleared ended(AppSpec spec, Timeline timeline, Phase phase, String error) {
        return new Preflight.Cleared(null, new DeployResult(spec.app(), "rollback", Outcome.FAILED_BEFORE_SWITCH, null, null, null, null,
                timeline.millis(), timeline.orderedPhases(), phase, error));
    }

    private static java.time.Instant instantOrEpoch(String at) {
        try {
            return java.time.Instant.parse(at);
        } catch (RuntimeException e) {
            return java.time.Instant.EPOCH;
        }
    }
}
