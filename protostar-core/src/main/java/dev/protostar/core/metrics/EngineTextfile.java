package dev.protostar.core.metrics;

import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import dev.protostar.core.docker.Archive;
import dev.protostar.core.docker.Docker;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Writes the app's textfile on a Docker engine's host through the engine (a remote engine, or nginx
 * in a container, where this machine is not that host): a short-lived container of a tiny image,
 * built FROM scratch with a static busybox, with the collector directory bind-mounted. The file
 * goes into the container's own layer through the Docker API, then busybox copies it next to the
 * target and renames it over the target, which is atomic within that directory.
 */
public final class EngineTextfile {
    static final String IMAGE = "protostar-textfile";
    static final String TAG = "1";
    static final String LABEL = "dev.protostar.textfile";
    private static final String MOUNT = "/textfile";
    private static final Duration QUICK = Duration.ofSeconds(30);
    private static final List<Path> BUSYBOX = List.of(Path.of("/bin/busybox"), Path.of("/usr/bin/busybox"));

    private EngineTextfile() {}

    public static void write(Docker docker, Path dir, String app, String text) {
        ensureImage(docker);
        String name = Textfile.name(app); // app names are [a-z0-9-]: safe as plain words in the command below
        String tmp = MOUNT + "/." + name + ".tmp";
        String id = docker.callThrough("create the textfile helper of " + app, QUICK, () -> docker.client()
                .createContainerCmd(IMAGE + ":" + TAG)
                .withLabels(Map.of(LABEL, app))
                .withHostConfig(HostConfig.newHostConfig().withBinds(new Bind(dir.toString(), new Volume(MOUNT))))
                .withCmd("/busybox", "sh", "-c", "cp /payload " + tmp + " && chmod 644 " + tmp + " && mv -f " + tmp + " "
                        + MOUNT + "/" + name)
                .exec().getId());
        try {
            Archive.put(docker, id, "/", "payload", text.getBytes(StandardCharsets.UTF_8), 0644);
            docker.run("start the textfile helper of " + app, QUICK, () -> docker.client().startContainerCmd(id).exec());
            Integer status = docker.callThrough("wait for the textfile helper of " + app, QUICK, () -> docker.client()
                    .waitContainerCmd(id).exec(new WaitContainerResultCallback()).awaitStatusCode(QUICK.toSeconds(), TimeUnit.SECONDS));
            if (status == null || status != 0) {
                throw new IllegalStateException("could not write " + dir.resolve(name) + " on " + docker.host()
                        + " (the helper exited with " + status + "; does the directory exist there?)");
            }
        } finally {
            docker.callThrough("remove the textfile helper of " + app, QUICK, () -> {
                try {
                    docker.client().removeContainerCmd(id).withForce(true).exec();
                } catch (NotFoundException gone) {
                    // removed meanwhile
                }
                return null;
            });
        }
    }

    private static void ensureImage(Docker docker) {
        boolean present = docker.call("inspect image " + IMAGE, QUICK, () -> {
            try {
                docker.client().inspectImageCmd(IMAGE + ":" + TAG).exec();
                return true;
            } catch (NotFoundException e) {
                return false;
            }
        });
        if (present) {
            return;
        }
        byte[] context = Archive.tar(Map.of(
                "Dockerfile", ("FROM scratch\nCOPY busybox /busybox\nLABEL " + LABEL + "=image\n").getBytes(StandardCharsets.US_ASCII),
                "busybox", staticBusybox()), 0755);
        docker.run("build image " + IMAGE, QUICK, () -> docker.client().buildImageCmd(new ByteArrayInputStream(context))
                .withTags(Set.of(IMAGE + ":" + TAG))
                .exec(new com.github.dockerjava.api.command.BuildImageResultCallback())
                .awaitImageId(QUICK.toSeconds(), TimeUnit.SECONDS));
    }

    /** This machine's statically linked busybox: it runs in an image with nothing else in it. */
    private static byte[] staticBusybox() {
        for (Path p : BUSYBOX) {
            try {
                if (Files.isRegularFile(p)) {
                    byte[] bytes = Files.readAllBytes(p);
                    String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1);
                    if (!head.contains("/ld-")) {
                        return bytes;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + p, e);
            }
        }
        throw new IllegalStateException("writing metrics.textfileDir through the Docker engine needs a statically linked "
                + "busybox on this machine (Debian/Ubuntu: apt-get install busybox-static)");
    }
}
