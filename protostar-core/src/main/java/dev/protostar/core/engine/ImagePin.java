package dev.protostar.core.engine;

import dev.protostar.core.api.HistoryEntry;
import dev.protostar.core.api.Phase;
import dev.protostar.core.docker.DockerException;
import dev.protostar.core.docker.ImageStore;
import dev.protostar.core.docker.Labels;
import dev.protostar.core.docker.RegistryAuth;
import dev.protostar.core.spec.AppSpec;
import dev.protostar.core.spec.ImageReference;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The one image every host of a deploy runs, by content. The first host resolves the name (pulling it as {@code pull:}
 * says) to an image id and, where the registry gave one, a repo digest; every other host must have exactly that image,
 * pulled by that digest when it lacks it, before the first host switches. A name that means different images on two
 * hosts is refused, naming both. A rollback pins the image its history entry ran: by the repo digest the entry recorded
 * (pulled, as {@code pull:} says, where a host no longer has it) or else by its id, and it must be that entry's image id.
 */
final class ImagePin {
    private static final Pattern IMAGE_ID = Pattern.compile("(sha256:)?[a-f0-9]{12,64}");
    static final Duration PULL_DEADLINE = Duration.ofMinutes(30);

    /** One host's images, by the name its messages use. */
    record OnHost(String host, ImageStore images) {}

    private String requested;
    private final String revision;
    private final Function<String, String> env;
    /** The field a refusal names: {@code image}, or the rollback's target. */
    private final String field;
    /** A rollback's: the image id its history entry ran, which the pinned image must have; null for a deploy. */
    private final String expectedId;
    /** A rollback's: the name the entry ran the image under, kept in the history again; null for a deploy. */
    private final String shownAs;
    private ImageStore.Image pinned;

    /**
     * @param requested the image the deploy names (a reference or an id), or null to build it
     * @param revision the source revision the build is labelled with, or null
     * @param env the deploying machine's environment, where the registry credentials are found
     */
    ImagePin(String requested, String revision, Function<String, String> env) {
        this(requested, revision, env, "image", null, null);
    }

    private ImagePin(String requested, String revision, Function<String, String> env, String field, String expectedId, String shownAs) {
        this.requested = requested;
        this.revision = revision;
        this.env = env;
        this.field = field;
        this.expectedId = expectedId;
        this.shownAs = shownAs;
    }

    /**
     * A rollback's image: the one {@code entry} ran, by its recorded repo digest where it has one (so a host that lost
     * it pulls exactly that content), else by its id; a refusal names {@code field}.
     */
    static ImagePin rollback(HistoryEntry entry, String field, Function<String, String> env) {
        return new ImagePin(entry.imageDigest() != null ? entry.imageDigest() : entry.imageId(), entry.revision(), env, field,
                entry.imageId(), entry.imageName() != null ? entry.imageName() : entry.imageId());
    }

    /** Whether there is an image to deploy without a build on this host: one the deploy names, or one built and pushed for every host. */
    synchronized boolean has() {
        return requested != null;
    }

    /**
     * Pins the image on the first host and checks (or pulls) it on every other one; nothing that serves changes here.
     *
     * @throws StepFailed naming {@code image} and what differs or failed
     */
    synchronized ImageStore.Image acrossHosts(AppSpec spec, List<OnHost> hosts, Timeline timeline) {
        OnHost first = hosts.get(0);
        if (requested == null) {
            if (!spec.build().push()) {
                timeline.info(Phase.BUILD, "each host builds the image itself (build.push: true builds once and every host pulls it)");
                return null;
            }
            ImageStore.Image built = buildOnce(spec, first, timeline);
            requested = digestOf(built); // every other host pulls exactly this
            pinned = built.named(requested);
        }
        ImageStore.Image one = pinned != null ? pinned : expected(obtain(spec, first, timeline), first.host());
        for (OnHost other : hosts.subList(1, hosts.size())) {
            ImageStore.Image there = sameOn(spec, one, other, timeline);
            if (!there.id().equals(one.id())) {
                throw new StepFailed(field + ": " + requested + " is " + Deploy.shortId(one.id()) + " on " + first.host() + " but "
                        + Deploy.shortId(there.id()) + " on " + other.host() + ": the hosts of one app must run the same image. "
                        + "Deploy it by digest (" + requested.replaceFirst("[:@].*$", "") + "@sha256:…) or put the same image on "
                        + "every host. Nothing on any host was changed.");
            }
        }
        pinned = one;
        timeline.info(Phase.BUILD, "every host has " + describe(one) + " (" + hosts.size() + " hosts)");
        return one;
    }

    /** The image on this one host: the pinned one, checked, or (for a single host) resolved and pulled as the spec says. */
    synchronized ImageStore.Image on(AppSpec spec, String host, ImageStore images, Timeline timeline) {
        if (pinned == null) {
            ImageStore.Image one = expected(obtain(spec, new OnHost(host, images), timeline), host);
            if (expectedId == null) {
                timeline.info(Phase.BUILD, "deploying " + describe(one));
            }
            return one;
        }
        if (images.find(pinned.id()).isEmpty()) {
            throw new StepFailed(field + ": " + requested + " (" + Deploy.shortId(pinned.id()) + ") is gone from " + host
                    + " since it was checked; nothing was switched there");
        }
        return pinned;
    }

    /** A rollback's image must be the one its entry ran; it keeps the entry's name. A deploy's is as found. */
    private ImageStore.Image expected(ImageStore.Image found, String host) {
        if (expectedId == null) {
            return found;
        }
        if (!found.id().equals(expectedId)) {
            throw new StepFailed(field + ": " + requested + " is " + Deploy.shortId(found.id()) + " on " + host + ", but the version "
                    + "to roll back to ran " + Deploy.shortId(expectedId) + "; nothing was switched");
        }
        return found.named(shownAs);
    }

    /** Builds on the first host (labelled as a deploy's build is) and pushes it: the one image all hosts run. */
    private ImageStore.Image buildOnce(AppSpec spec, OnHost host, Timeline timeline) {
        String tag = Session.newId();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.DEPLOY, tag);
        if (revision != null) {
            labels.put(Labels.REVISION, revision);
        }
        labels.put(Labels.APP, spec.app());
        ImageStore.Image built = host.images().build(spec, tag, labels, spec.build().timeout(), line -> timeline.output(Phase.BUILD, line));
        timeline.info(Phase.BUILD, host.host() + ": built " + built.name() + " (" + Deploy.shortId(built.id()) + ")");
        return push(spec, built, host, env, timeline);
    }

    /** Pushes what was built to the registry {@code image:} names (build.push) and returns it with its repo digest. */
    static ImageStore.Image push(AppSpec spec, ImageStore.Image built, OnHost host, Function<String, String> env, Timeline timeline) {
        ImageReference ref = ImageReference.parse(built.name());
        RegistryAuth auth = RegistryAuth.forImage(ref, env);
        String digest;
        try {
            digest = host.images().push(built.name(), auth, PULL_DEADLINE, line -> timeline.output(Phase.BUILD, line));
        } catch (DockerException e) {
            throw new StepFailed("build.push: " + e.getMessage() + ". Nothing that serves was changed.");
        }
        ImageStore.Image pushed = host.images().find(ref.at(digest)).orElseThrow(() -> new StepFailed("build.push: "
                + host.host() + " does not list " + ref.at(digest) + " right after pushing it"));
        timeline.info(Phase.BUILD, "pushed " + built.name() + " as " + ref.at(digest));
        return pushed.named(built.name());
    }

    /** The digest to record with the image: {@code repository@sha256:…}, or null for an image no registry knows. */
    static String digestOf(ImageStore.Image image) {
        if (image == null || image.name() == null || IMAGE_ID.matcher(image.name()).matches()) {
            return null;
        }
        ImageReference ref = ImageReference.parse(image.name());
        return ref.digestIn(image.repoDigests()).map(ref::at).orElse(null);
    }

    private ImageStore.Image obtain(AppSpec spec, OnHost host, Timeline timeline) {
        Optional<String> unpullable = unpullable(spec);
        if (unpullable.isPresent()) {
            return present(host, requested, unpullable.get());
        }
        ImageReference ref = ImageReference.parse(requested);
        Optional<ImageStore.Image> here = host.images().find(requested);
        boolean pull = here.isEmpty() || spec.pull() == AppSpec.Pull.ALWAYS && ref.digest() == null; // a digest's content never changes
        return pull ? pull(host, ref, timeline) : here.get();
    }

    /** Why the requested image is never pulled, if it is not. */
    private Optional<String> unpullable(AppSpec spec) {
        if (IMAGE_ID.matcher(requested).matches()) {
            return Optional.of("an image id is never pulled");
        }
        if (!ImageReference.parse(requested).namesRegistry()) {
            return Optional.of("a name without a registry host is never pulled; write docker.io/… for Docker Hub");
        }
        return spec.pull() == AppSpec.Pull.NEVER ? Optional.of("pull: never") : Optional.empty();
    }

    /** The first host's image on another: by its repo digest (pulled by it if need be), else by name. */
    private ImageStore.Image sameOn(AppSpec spec, ImageStore.Image one, OnHost host, Timeline timeline) {
        String digest = digestOf(one);
        if (digest != null) {
            Optional<ImageStore.Image> there = host.images().find(digest);
            if (there.isPresent()) {
                return there.get().named(one.name());
            }
            if (spec.pull() != AppSpec.Pull.NEVER) {
                return pull(host, ImageReference.parse(digest), timeline).named(one.name());
            }
        }
        Optional<ImageStore.Image> byName = host.images().find(requested);
        if (byName.isPresent()) {
            return byName.get();
        }
        // Whatever a pull by name fetches is compared with the first host's image by id.
        if (unpullable(spec).isEmpty()) {
            return pull(host, ImageReference.parse(requested), timeline);
        }
        return present(host, requested, unpullable(spec).get());
    }

    private ImageStore.Image pull(OnHost host, ImageReference ref, Timeline timeline) {
        RegistryAuth auth = RegistryAuth.forImage(ref, env);
        timeline.info(Phase.BUILD, host.host() + ": pulling " + ref + " (" + auth + ")");
        try {
            return host.images().pull(ref, auth, PULL_DEADLINE, line -> timeline.output(Phase.BUILD, line));
        } catch (DockerException e) {
            throw new StepFailed(field + ": " + e.getMessage() + ". Nothing that serves was changed.");
        }
    }

    private ImageStore.Image present(OnHost host, String name, String why) {
        if (expectedId != null) {
            return host.images().find(name).orElseThrow(() -> new StepFailed(field + ": the image of " + shownAs + " ("
                    + Deploy.shortId(expectedId) + ") is no longer on " + host.host() + " (" + why + "): retire.keepImages removed it "
                    + "since the rollback looked. Nothing was switched."));
        }
        return host.images().find(name).orElseThrow(() -> new StepFailed("image: no image named " + name + " on " + host.host()
                + " (" + why + "); build it, load it with docker load, or push it to a registry and name it there. "
                + "Nothing that serves was changed."));
    }

    private static String describe(ImageStore.Image image) {
        String digest = digestOf(image);
        return image.name() + " (" + Deploy.shortId(image.id()) + (digest == null ? "" : ", " + digest) + ")";
    }
}
