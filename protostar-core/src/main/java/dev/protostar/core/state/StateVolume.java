package dev.protostar.core.state;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import dev.protostar.core.docker.Archive;
import dev.protostar.core.docker.Docker;
import java.time.Duration;
import java.util.Map;

/**
 * An app's state on its Docker engine: the volume {@code protostar-state-<app>}, reached through a
 * never-started container of the same name (no process runs; files go in and out through the
 * Docker API, which works on a stopped container and its volumes). A volume, not the container's
 * own layer, because {@code docker system prune} removes stopped containers but keeps named
 * volumes: a pruned container is created again and finds the records where they were. Files are
 * written mode 0600 by the engine's root, so only the engine's users reach them.
 */
final class StateVolume {
    static final String LABEL = "dev.protostar.state";
    static final String PREFIX = "protostar-state-";
    static final String MOUNT = "/state";
    private static final Duration QUICK = Duration.ofSeconds(30);

    private final Docker docker;
    private final String app;
    private final String name;
    /** Our container was seen standing (a read then a write need not look again). */
    private boolean ready;

    StateVolume(Docker docker, String app) {
        this.docker = docker;
        this.app = app;
        this.name = PREFIX + app;
    }

    /** The files under {@code dir} (names start with it), or none when the app has no state on this engine yet. */
    Map<String, byte[]> read(String dir, int maxFile, int maxFiles) {
        if (!ready && !containerExists()) {
            if (!volumeExists()) {
                return Map.of();
            }
            create(); // pruned: the volume kept the files
        }
        ready = true;
        return Archive.getAll(docker, name, MOUNT + "/" + dir, maxFile, maxFiles);
    }

    /** Puts the files (names may hold directories) in one copy, mode 0600, creating the volume on first use. */
    void write(Map<String, byte[]> files) {
        if (files.isEmpty()) {
            return;
        }
        if (!ready && !containerExists()) {
            create();
        }
        ready = true;
        Archive.putAll(docker, name, MOUNT, files, 0600);
    }

    private void create() {
        EngineLock.ensureImage(docker);
        Map<String, String> labels = Map.of(LABEL, app);
        docker.callThrough("create the volume " + name, QUICK, () -> {
            try {
                docker.client().inspectVolumeCmd(name).exec();
            } catch (NotFoundException missing) {
                docker.client().createVolumeCmd().withName(name).withLabels(labels).exec();
            }
            return null;
        });
        docker.callThrough("create the container " + name, QUICK, () -> {
            try {
                return docker.client().createContainerCmd(EngineLock.IMAGE + ":" + EngineLock.TAG)
                        .withName(name)
                        .withLabels(labels)
                        .withHostConfig(HostConfig.newHostConfig().withBinds(new Bind(name, new Volume(MOUNT))))
                        .withCmd("/lease") // never started: it only gives the Docker API a way to the volume
                        .exec().getId();
            } catch (ConflictException raced) {
                return null; // another command created it a moment ago
            }
        });
        containerExists();
    }

    /** Removes the app's state from the engine: its container and volume (a demo's clean-up, a test's). */
    void remove() {
        if (containerExists()) {
            docker.callThrough("remove the container " + name, QUICK, () -> {
                try {
                    docker.client().removeContainerCmd(name).withForce(true).exec();
                } catch (NotFoundException gone) {
                    // removed meanwhile
                }
                return null;
            });
        }
        ready = false;
        docker.callThrough("remove the volume " + name, QUICK, () -> {
            try {
                docker.client().removeVolumeCmd(name).exec();
            } catch (NotFoundException gone) {
                // never created
            }
            return null;
        });
    }

    /** Whether our container stands; one of that name that Protostar did not create is refused, not used. */
    private boolean containerExists() {
        InspectContainerResponse c = docker.callThrough("inspect the container " + name, QUICK, () -> {
            try {
                return docker.client().inspectContainerCmd(name).exec();
            } catch (NotFoundException e) {
                return null;
            }
        });
        if (c == null) {
            return false;
        }
        Map<String, String> labels = c.getConfig() == null || c.getConfig().getLabels() == null ? Map.of() : c.getConfig().getLabels();
        if (!app.equals(labels.get(LABEL))) {
            throw new IllegalStateException("a container named " + name + " exists on " + docker.host()
                    + " that Protostar did not create (no label " + LABEL + "=" + app + "); it keeps the history of " + app
                    + " there, so rename or remove that container");
        }
        return true;
    }

    private boolean volumeExists() {
        return docker.callThrough("inspect the volume " + name, QUICK, () -> {
            try {
                docker.client().inspectVolumeCmd(name).exec();
                return true;
            } catch (NotFoundException e) {
                return false;
            }
        });
    }
}
