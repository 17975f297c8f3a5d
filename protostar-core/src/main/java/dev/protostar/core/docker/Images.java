package dev.protostar.core.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.core.util.FilePathUtil;
import dev.protostar.core.spec.AppSpec;
import dev.protostar.core.spec.ImageReference;
import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Builds an app's image from its context directory, resolves an image by name, pulls it from or pushes it to its registry. */
public final class Images implements ImageStore {
    private final Docker docker;

    public Images(Docker docker) {
        this.docker = docker;
    }

    /** A symlink must not carry the build context (sent to the engine) outside the repository. */
    private static void insideRepository(java.nio.file.Path root, java.nio.file.Path p, String field) {
        try {
            if (!p.toRealPath().startsWith(root.toRealPath())) {
                throw new DockerException(field + " " + p + " leads outside the repository " + root + " (through a symlink)", null);
            }
        } catch (java.io.IOException e) {
            throw new DockerException(field + " " + p + " cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public Image build(AppSpec spec, String tag, Map<String, String> labels, Duration deadline, Consumer<String> log) {
        File context = spec.build().context().toFile();
        File dockerfile = spec.build().context().resolve(spec.build().dockerfile()).toFile();
        if (!context.isDirectory()) {
            throw new DockerException("build.context " + context + " is not a directory", null);
        }
        if (!Files.isRegularFile(dockerfile.toPath())) {
            throw new DockerException("build.dockerfile " + dockerfile + " does not exist", null);
        }
        insideRepository(spec.build().root(), context.toPath(), "build.context");
        insideRepository(spec.build().root(), dockerfile.toPath(), "build.dockerfile");
        java.util.Optional<String> buildKit = BuildKitOnly.in(dockerfile.toPath());
        if (buildKit.isPresent()) {
            throw BuildKitOnly.refused(dockerfile.toPath(), buildKit.get());
        }
        BuildContext.check(context.toPath());
        String name = spec.image() + ":" + tag;
        String error = stream(spec, context, dockerfile, name, labels, deadline, log);
        if (RACED.matcher(error).find()) {
            // The classic builder lost a cached parent image to a removal running at the same time (another app's old images
            // pruned, moby/moby#33974): the build itself is fine, and builds again on what is there now.
            log.accept("the build lost a cached layer to an image removed meanwhile (" + error.strip() + "); building again");
            error = stream(spec, context, dockerfile, name, labels, deadline, log);
        }
        if (error.contains("requires BuildKit")) {
            throw BuildKitOnly.refused(dockerfile.toPath(), error.strip());
        }
        if (!error.isEmpty()) {
            throw new DockerException("image build failed: " + error.strip(), null);
        }
        // The id in the build stream is parsed from log text; the tag is the reliable handle.
        return resolve(name);
    }

    /** What a build that raced an image removal says. */
    private static final java.util.regex.Pattern RACED = java.util.regex.Pattern.compile("unknown parent image ID|layer does not exist");

    /** Runs the build, its output going to {@code log}; the error it ended with, or "" when it built {@code name}. */
    private String stream(AppSpec spec, File context, File dockerfile, String name, Map<String, String> labels, Duration deadline,
                          Consumer<String> log) {
        StringBuilder error = new StringBuilder();
        // Packed here, not inside docker.run: an unreadable context or a .dockerignore that keeps the Dockerfile out is
        // the context's error, not a Docker engine that cannot be reached.
        InputStream packed;
        try {
            packed = ContextTar.pack(context, dockerfile);
        } catch (DockerClientException | java.io.UncheckedIOException e) {
            throw new DockerException("build.context " + context + ": " + e.getMessage() + "; nothing was built", e);
        }
        try (InputStream tar = packed) {
            docker.run("build image " + name, deadline,
                    () -> build(spec, tar, FilePathUtil.relativize(context, dockerfile), name, labels, deadline, log, error));
        } catch (java.io.IOException ignored) {
            // closing the context's file cannot lose the image
        }
        return error.toString();
    }

    private void build(AppSpec spec, InputStream tar, String dockerfile, String name, Map<String, String> labels, Duration deadline,
                       Consumer<String> log, StringBuilder error) {
        var cmd = docker.client().buildImageCmd()
                .withTarInputStream(tar)
                .withDockerfilePath(dockerfile)
                .withTags(Set.of(name))
                .withLabels(labels)
                .withPull(false)
                .withRemove(true)
                .withForcerm(true); // a failed step's container keeps the build args in its command line
        spec.build().args().forEach(cmd::withBuildArg);
        try (BuildImageResultCallback cb = cmd.exec(new BuildImageResultCallback() {
            @Override
            public void onNext(BuildResponseItem item) {
                if (item.getStream() != null && !item.getStream().isBlank()) {
                    log.accept(item.getStream().stripTrailing());
                }
                if (item.isErrorIndicated() && item.getErrorDetail() != null) {
                    error.append(item.getErrorDetail().getMessage());
                }
                super.onNext(item);
            }
        })) {
            if (!cb.awaitCompletion(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new DockerException("the build of " + name + " did not finish within " + deadline.toMinutes()
                        + " min (build.timeout)", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DockerException("build of " + name + " was interrupted", e);
        } catch (java.io.IOException ignored) {
            // closing the stream cannot lose the image
        }
    }

    /**
     * Removes the app's built images beyond the newest {@code keep}, skipping any image a container
     * (running or stopped) still uses. Returns how many were removed.
     */
    @Override
    public int prune(String app, int keep) {
        List<com.github.dockerjava.api.model.Image> built = docker.call("list images of " + app, Duration.ofSeconds(30),
                () -> docker.client().listImagesCmd().withLabelFilter(Map.of(Labels.APP, app)).exec());
        Set<String> inUse = new HashSet<>();
        docker.call("list containers", Duration.ofSeconds(30), () -> docker.client().listContainersCmd().withShowAll(true).exec())
                .forEach(c -> inUse.add(c.getImageId()));
        List<com.github.dockerjava.api.model.Image> newestFirst = new ArrayList<>(built);
        newestFirst.sort(Comparator.comparing(com.github.dockerjava.api.model.Image::getCreated).reversed());
        int removed = 0;
        for (com.github.dockerjava.api.model.Image old : newestFirst.subList(Math.min(keep, newestFirst.size()), newestFirst.size())) {
            if (inUse.contains(old.getId())) {
                continue;
            }
            try {
                docker.run("remove image " + old.getId(), Duration.ofSeconds(60),
                        () -> docker.client().removeImageCmd(old.getId()).withForce(true).exec());
                removed++;
            } catch (DockerException e) {
                // still referenced somewhere we did not see; keeping it loses nothing
            }
        }
        return removed;
    }

    /** Removes an image this command built and never used. */
    @Override
    public void remove(String id) {
        docker.run("remove image " + id, Duration.ofSeconds(60), () -> docker.client().removeImageCmd(id).withForce(true).exec());
    }

    @Override
    public Image resolve(String name) {
        return find(name).orElseThrow(() -> new DockerException("no image named " + name + " on " + docker.host()
                + " (build it, load it with docker load, or name it in a registry to pull it from)", null));
    }

    @Override
    public Optional<Image> find(String name) {
        InspectImageResponse image = docker.call("inspect image " + name, Duration.ofSeconds(30), () -> {
            try {
                return docker.client().inspectImageCmd(name).exec();
            } catch (NotFoundException e) {
                return null;
            }
        });
        if (image == null) {
            return Optional.empty();
        }
        boolean healthcheck = image.getConfig() != null && image.getConfig().getHealthcheck() != null
                && image.getConfig().getHealthcheck().getTest() != null
                && !image.getConfig().getHealthcheck().getTest().isEmpty()
                && !"NONE".equals(image.getConfig().getHealthcheck().getTest().get(0));
        return Optional.of(new Image(image.getId(), name, healthcheck, image.getRepoDigests()));
    }

    @Override
    public Image pull(ImageReference reference, RegistryAuth auth, Duration deadline, Consumer<String> log) {
        String what = "pull " + reference + " from " + registry(reference);
        StringBuilder error = new StringBuilder();
        docker.run(what, deadline.plusSeconds(5), () -> {
            var cmd = docker.client().pullImageCmd(reference.repository())
                    .withTag(reference.digest() != null ? reference.digest() : reference.tag() != null ? reference.tag() : "latest");
            if (auth.config() != null) {
                cmd.withAuthConfig(auth.config());
            }
            await(what, deadline, error, () -> cmd.exec(new ResultCallback.Adapter<>() {
                @Override
                public void onNext(PullResponseItem item) {
                    if (item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null) {
                        error.append(item.getErrorDetail().getMessage());
                    } else if (item.getStatus() != null && item.getProgressDetail() == null) {
                        log.accept(item.getStatus() + (item.getId() == null ? "" : " " + item.getId()));
                    }
                }
            }));
        });
        if (error.length() > 0) {
            throw new DockerException("cannot " + what + " on " + docker.host() + ": " + error.toString().strip()
                    + " (credentials: " + auth + ")", null);
        }
        return resolve(reference.toString());
    }

    /**
     * Starts a pull's or push's stream and waits for its end within {@code deadline}; what Docker refuses is added to {@code error}
     * (its stream already wrote its own errors there). Closing the stream cannot lose what it did.
     */
    private static void await(String what, Duration deadline, StringBuilder error,
                              java.util.function.Supplier<ResultCallback.Adapter<?>> start) {
        try (ResultCallback.Adapter<?> stream = start.get()) {
            if (!stream.awaitCompletion(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new DockerException("the " + what + " did not finish within " + deadline.toSeconds() + " s", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DockerException("the " + what + " was stopped on request", e);
        } catch (java.io.IOException ignored) {
            // closing only
        } catch (com.github.dockerjava.api.exception.DockerException e) {
            error.append(Docker.describe(e));
        }
    }

    @Override
    public String push(String name, RegistryAuth auth, Duration deadline, Consumer<String> log) {
        ImageReference reference = ImageReference.parse(name);
        String what = "push " + name + " to " + registry(reference);
        StringBuilder error = new StringBuilder();
        StringBuilder digest = new StringBuilder();
        docker.run(what, deadline.plusSeconds(5), () -> {
            var cmd = docker.client().pushImageCmd(reference.repository()).withTag(reference.tag());
            if (auth.config() != null) {
                cmd.withAuthConfig(auth.config());
            }
            await(what, deadline, error, () -> cmd.exec(new ResultCallback.Adapter<>() {
                @Override
                public void onNext(PushResponseItem item) {
                    if (item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null) {
                        error.append(item.getErrorDetail().getMessage());
                    } else if (item.getAux() != null && item.getAux().getDigest() != null) {
                        digest.setLength(0);
                        digest.append(item.getAux().getDigest());
                    } else if (item.getStatus() != null && item.getProgressDetail() == null) {
                        log.accept(item.getStatus() + (item.getId() == null ? "" : " " + item.getId()));
                    }
                }
            }));
        });
        if (error.length() > 0 || digest.length() == 0) {
            throw new DockerException("cannot " + what + " from " + docker.host() + ": "
                    + (error.length() > 0 ? error.toString().strip() : "the registry named no digest") + " (credentials: " + auth + ")", null);
        }
        return digest.toString();
    }

    private static String registry(ImageReference reference) {
        return reference.registry() == null ? "Docker Hub" : reference.registry();
    }
}
