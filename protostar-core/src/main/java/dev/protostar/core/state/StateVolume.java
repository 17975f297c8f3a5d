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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

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
    /**
     * Every file of the volume as read under the app's lock ({@link #readAll}) and as this command wrote since, or null.
     * Under the lock nobody else writes here, so later reads of the same command need not copy again.
     */
    private Map<String, byte[]> snapshot;
    /** Files that go with the next write, after its own (the journal's clear, with the history record). */
    private final Map<String, byte[]> carried = new LinkedHashMap<>();
    /** Carried files that a write put, and that no write changed since. */
    private final Set<String> carriedWritten = new HashSet<>();
    /** The lock this command holds, once it said so ({@link #heldUnder}); the files may then come from {@link KeptState}. */
    private volatile LockMark lock;
    /** Copies into the volume under {@link #lock} that landed. */
    private final AtomicInteger writes = new AtomicInteger();
    /** A copy under {@link #lock} that failed: it may have landed in part, so what this command saw is not kept. */
    private volatile boolean writeFailed;

    StateVolume(Docker docker, String app) {
        this.docker = docker;
        this.app = app;
        this.name = PREFIX + app;
    }

    /** The files under {@code dir} (names start with it), or none when the app has no state on this engine yet. */
    Map<String, byte[]> read(String dir, int maxFile, int maxFiles) {
        if (snapshot != null) {
            return under(dir);
        }
        if (!standing()) {
            return Map.of();
        }
        return Archive.getAll(docker, name, MOUNT + "/" + dir, maxFile, maxFiles);
    }

    /**
     * The files under {@code dir}, read with every other file of the volume in one copy, which later reads of this
     * command are served from. Only for a command that holds the app's lock, from then on: nobody else writes here. Under
     * a lock it was told of ({@link #heldUnder}), the files may be those the previous command of this process left,
     * without the copy, where nobody touched them since ({@link KeptState}).
     * A volume with more than {@code maxFiles} files is read as {@link #read} does (a cut copy could miss a file).
     */
    Map<String, byte[]> readAll(String dir, int maxFile, int maxFiles) {
        if (lock != null && snapshot == null) {
            Optional<KeptState.Found> kept = KeptState.since(docker, app, name, lock);
            if (kept.isPresent() && kept.get().files().size() < maxFiles) {
                ready = kept.get().standing(); // its removal or creation since would have shown in the events
                snapshot = kept.get().files();
                return under(dir);
            }
        }
        if (!standing()) {
            snapshot = new LinkedHashMap<>();
            return Map.of();
        }
        // Named in the archive after the directory itself ("state/journal/intent"): kept as the writes name them.
        Map<String, byte[]> all = Archive.getAll(docker, name, MOUNT, maxFile, maxFiles);
        if (all.size() >= maxFiles) {
            return Archive.getAll(docker, name, MOUNT + "/" + dir, maxFile, maxFiles);
        }
        snapshot = new LinkedHashMap<>();
        all.forEach((n, bytes) -> snapshot.put(n.substring(n.indexOf('/') + 1), bytes));
        return under(dir);
    }

    private Map<String, byte[]> under(String dir) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        snapshot.forEach((n, bytes) -> {
            if (n.startsWith(dir + "/")) {
                out.put(n, bytes);
            }
        });
        return out;
    }

    /** Whether the app has state here; a container a prune removed is created again over the volume that kept the files. */
    private boolean standing() {
        if (!ready && !containerExists()) {
            if (!volumeExists()) {
                return false;
            }
            create(); // pruned: the volume kept the files
        }
        ready = true;
        return true;
    }

    /**
     * Puts {@code files} in the next write, after that write's own files, so one copy does the work of two: written in
     * archive order, a copy cut short leaves the first files written, as two copies in that order would.
     */
    void carry(Map<String, byte[]> files) {
        carried.putAll(files);
    }

    /** This command holds the app's lock, taken as {@code mark} says (null: not known, so nothing is kept). */
    void heldUnder(LockMark mark) {
        lock = mark;
        writes.set(0);
        writeFailed = false;
    }

    /**
     * Leaves the files as this command saw and wrote them to the next command of this process ({@link KeptState}), before
     * its lock goes. Only what it read whole and wrote without a failure is kept.
     */
    void keepForNext() {
        if (lock != null && snapshot != null && !writeFailed) {
            KeptState.keep(docker, app, lock, writes.get(), ready, snapshot);
        } else {
            KeptState.drop(docker, app);
        }
    }

    /** Serves later reads from the engine again, not from what was read under the lock. */
    void forget() {
        snapshot = null;
    }

    /** Whether the file went out with a write as {@link #carry carried}, unchanged by any write since. */
    boolean carriedWritten(String file) {
        return carriedWritten.contains(file);
    }

    /** Puts the files (names may hold directories) in one copy, mode 0600, creating the volume on first use. */
    void write(Map<String, byte[]> files) {
        if (files.isEmpty()) {
            return;
        }
        Map<String, byte[]> all = new LinkedHashMap<>(files);
        carried.forEach(all::putIfAbsent);
        try {
            if (!ready && !containerExists()) {
                create();
            }
            ready = true;
            Archive.putAll(docker, name, MOUNT, all, 0600);
        } catch (RuntimeException e) {
            snapshot = null; // it may have landed all the same: read the engine again
            writeFailed = true;
            throw e;
        }
        writes.incrementAndGet();
        carriedWritten.removeAll(files.keySet());
        carried.keySet().stream().filter(n -> !files.containsKey(n)).forEach(carriedWritten::add);
        carried.clear();
        if (snapshot != null) {
            snapshot.putAll(all);
        }
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
        snapshot = null;
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
