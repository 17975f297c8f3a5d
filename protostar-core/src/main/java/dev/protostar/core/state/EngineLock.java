package dev.protostar.core.state;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.protostar.core.Uninterrupted;
import dev.protostar.core.api.LockHolder;
import dev.protostar.core.api.LockRelease;
import dev.protostar.core.docker.Archive;
import dev.protostar.core.docker.Docker;
import dev.protostar.core.docker.DockerException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A lock that lives with the Docker engine, so every Jenkins job and CLI user of that engine sees
 * it: a container named {@code protostar-lock-<name>} that is created, never started. Docker
 * refuses a second container of the same name, which makes taking it atomic. Its labels name the
 * holder; its lease, renewed by a heartbeat while the holder works, is a file inside it (labels
 * cannot change). A lock whose lease ended, or whose holder's process on this machine is provably
 * gone, is removed by its container id (so only that very lock) and taken over, and the takeover
 * is reported.
 */
public final class EngineLock implements AppLock {
    static final String IMAGE = "protostar-lock";
    static final String TAG = "1";
    public static final String LABEL = "dev.protostar.lock";
    private static final String PREFIX = "protostar-lock-";
    private static final String LEASE_FILE = "lease";
    private static final Duration QUICK = Duration.ofSeconds(30);
    /** How far this machine's clock may differ from the engine's before a new lock is taken again on the engine's clock. */
    static final Duration SKEW = Duration.ofMillis(500);
    /**
     * How long an app's lock is waited for before its holder is named: a command that has answered may still be writing
     * its record and releasing its lock for a moment (the resident engine's write-behind), and a command that comes then
     * should follow it, not fail.
     */
    static final Duration BETWEEN_COMMANDS = Duration.ofSeconds(2);
    /** How long a release keeps trying while the engine does not answer (a restart takes seconds). */
    static final Duration RELEASE_PATIENCE = Duration.ofSeconds(30);

    private final Docker docker;
    private final String name;
    private final String id;
    private final Duration lease;
    private final LockHolder holder;
    private final String tookOverFrom;
    private final ScheduledExecutorService heartbeat;
    private volatile boolean lost;
    /** The end of our lease as last written to the engine (engine clock). */
    private volatile Instant expires;
    private final Duration clockOffset;
    /** When the engine created our container (its clock, nanoseconds since the epoch), or -1 when it was not read. */
    private final long createdNanos;

    /** The holder this lock was taken over from, or null. */
    private final TakenOver takenOver;

    private EngineLock(Docker docker, String name, String id, LockHolder holder, Duration lease, String tookOverFrom,
                       TakenOver takenOver, Duration clockOffset, long createdNanos) {
        this.docker = docker;
        this.clockOffset = clockOffset;
        this.createdNanos = createdNanos;
        this.name = name;
        this.id = id;
        this.holder = holder;
        this.expires = Instant.parse(holder.expires());
        this.lease = lease;
        this.tookOverFrom = tookOverFrom;
        this.takenOver = takenOver;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, PREFIX + name);
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(500, lease.toMillis() / 3);
        heartbeat.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    /** Takes the lock or throws {@link LockHeldException} naming its holder. */
    public static EngineLock acquire(Docker docker, String name, String owner, Duration lease) {
        return acquire(docker, name, owner, lease, null);
    }

    /** @param command the id of the command that takes it, named in the lock for whoever takes it over (null: none) */
    public static EngineLock acquire(Docker docker, String name, String owner, Duration lease, String command) {
        // Leases are written and judged on the engine's clock, so deploying machines whose clocks disagree still agree on
        // when a lease ends. The engine's clock is read only to judge another holder's lease; a lock that is free is
        // created on this machine's clock, and the created container's own timestamp then tells the difference.
        Duration offset = null;
        String from = null;
        TakenOver fromHolder = null;
        long deadline = System.nanoTime() + QUICK.toNanos();
        int takeovers = 0;
        while (true) {
            Instant now = Instant.now().plus(offset == null ? Duration.ZERO : offset);
            LockHolder me = new LockHolder(owner, now.toString(), now.plus(lease).toString(), hostName(),
                    ProcessHandle.current().pid(), UUID.randomUUID().toString(), Machine.id(), Machine.started(ProcessHandle.current()));
            long before = System.currentTimeMillis();
            String created = create(docker, name, me, command);
            long after = System.currentTimeMillis();
            if (created != null) {
                if (offset != null) {
                    return new EngineLock(docker, name, created, me, lease, from, fromHolder, offset, -1);
                }
                Instant engineCreated = createdAt(docker, created);
                Duration measured = offsetFrom(docker, engineCreated, before, after);
                if (measured.abs().compareTo(SKEW) <= 0) {
                    return new EngineLock(docker, name, created, me, lease, from, fromHolder, measured,
                            engineCreated == null ? -1 : engineCreated.getEpochSecond() * 1_000_000_000L + engineCreated.getNano());
                }
                // This machine's clock and the engine's differ, so the labels' lease ends too early (another command could
                // take the lock over at once) or too late (a dead holder's lock would outlast its lease): this very lock
                // goes again, by its id, and is taken once more with labels on the engine's clock.
                offset = measured;
                removeById(docker, created);
                continue;
            }
            if (offset == null) {
                offset = clockOffset(docker);
            }
            Optional<Found> other = find(docker, name);
            if (other.isPresent()) {
                LockHolder h = other.get().holder();
                boolean gone = Machine.processGone(h);
                if ((Instant.parse(h.expires()).isAfter(Instant.now().plus(offset)) && !gone) || takeovers >= 3) {
                    throw new LockHeldException(name, h);
                }
                from = h.owner() + " (since " + h.since() + ", "
                        + (gone ? "its process " + h.pid() + " on this machine is gone" : "lease ended " + h.expires()) + ")";
                fromHolder = new TakenOver(h.owner(), other.get().command());
                removeById(docker, other.get().id());
                takeovers++;
            } else if (System.nanoTime() > deadline) {
                throw new LockHeldException(name, new LockHolder("another deploy (its lock is being created or removed)",
                        "now", "now", "?", 0, "?", null, null));
            } else {
                // Docker reserves the name before the container can be inspected, and while it is being removed.
                pause(25);
            }
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("stopped on request while taking a lock", e);
        }
    }

    /** Takes the lock, waiting up to {@code patience} while others hold it (for short critical sections). */
    public static EngineLock await(Docker docker, String name, String owner, Duration lease, Duration patience) {
        return await(docker, name, owner, lease, patience, null);
    }

    private static EngineLock await(Docker docker, String name, String owner, Duration lease, Duration patience, String command) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                return acquire(docker, name, owner, lease, command);
            } catch (LockHeldException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            pause(ThreadLocalRandom.current().nextLong(30, 120));
        }
    }

    /** The locks on one engine. */
    public static AppLocks on(Docker docker) {
        return new AppLocks() {
            @Override
            public AppLock take(String app, String owner, Duration lease) {
                return take(app, owner, lease, null);
            }

            @Override
            public AppLock take(String app, String owner, Duration lease, String command) {
                return await(docker, app, owner, lease, BETWEEN_COMMANDS, command);
            }

            @Override
            public Optional<LockHolder> holder(String app) {
                return read(docker, app);
            }
        };
    }

    /** Who holds the lock now, read from the engine. */
    public static Optional<LockHolder> read(Docker docker, String name) {
        return find(docker, name).map(Found::holder);
    }

    /** Removes the lock whoever holds it (an operator's forced release); returns who held it. */
    public static Optional<LockHolder> release(Docker docker, String name) {
        Optional<Found> f = find(docker, name);
        f.ifPresent(found -> removeById(docker, found.id()));
        return f.map(Found::holder);
    }

    /**
     * Removes the lock only while it names {@code owner} (a dead deploy's, as its refusal named it). The owner and the
     * container id come from one inspection, and the container is removed by that id: a lock taken over in between is a
     * new container, which stays. So a concurrent take-over is never undone.
     *
     * @param owner the owner the lock must name, or null to release it whoever holds it
     */
    public static LockRelease releaseIf(Docker docker, String name, String owner) {
        return releaseIf(docker, name, owner, () -> { });
    }

    /** @param between runs between the inspection and the removal (a test's take-over) */
    static LockRelease releaseIf(Docker docker, String name, String owner, Runnable between) {
        Optional<Found> f = find(docker, name);
        if (f.isEmpty()) {
            return new LockRelease(null, false);
        }
        if (owner != null && !owner.equals(f.get().holder().owner())) {
            return new LockRelease(f.get().holder(), false);
        }
        between.run();
        if (removedById(docker, f.get().id())) {
            return new LockRelease(f.get().holder(), true);
        }
        // gone before we removed it: released by its holder, or taken over; whoever holds it now keeps it
        return new LockRelease(read(docker, name).orElse(null), false);
    }

    /** Still ours, read from the engine now: not released by force, not taken over, lease not lapsed. Check before switching. */
    @Override
    public boolean stillHeld() {
        if (lost) {
            return false;
        }
        // Also for a deploy that was asked to stop: its clean-up needs to know. Our own lease end is
        // known here (we write it), so only the container's identity is read: taking over or a forced
        // release removes it.
        return Uninterrupted.get(() -> {
            try {
                return ourContainerStands() && expires.isAfter(Instant.now().plus(clockOffset));
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    private boolean ourContainerStands() {
        String found = docker.callThrough("inspect the lock " + containerName(name), QUICK, () -> {
            try {
                return docker.client().inspectContainerCmd(containerName(name)).exec().getId();
            } catch (NotFoundException e) {
                return null;
            }
        });
        return id.equals(found);
    }

    @Override
    public String tookOverFrom() {
        return tookOverFrom;
    }

    @Override
    public TakenOver takenOver() {
        return takenOver;
    }

    @Override
    public LockMark mark() {
        return createdNanos < 0 ? null : new LockMark(containerName(name), id, createdNanos);
    }

    private void renew() {
        try {
            Instant until = Instant.now().plus(clockOffset).plus(lease);
            Archive.put(docker, id, "/", LEASE_FILE, until.toString().getBytes(StandardCharsets.US_ASCII), 0644);
            expires = until;
        } catch (RuntimeException e) {
            try {
                if (find(docker, name).map(f -> !f.id().equals(id)).orElse(true)) {
                    lost = true;
                }
            } catch (RuntimeException unreachable) {
                // the engine does not answer (restarting?): the next beat tries again; the lease is three beats long
            }
        }
    }

    /** Releases the lock if it is still ours; a lock released by force or taken over is left alone. */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        // A stopped deploy releases its lock too; an engine that is restarting gets a while to come back.
        Uninterrupted.run(() -> {
            long deadline = System.nanoTime() + RELEASE_PATIENCE.toNanos();
            while (true) {
                try {
                    removeById(docker, id);
                    return;
                } catch (DockerException e) {
                    if (!e.unreachable() || System.nanoTime() > deadline || !pauseQuietly(500)) {
                        throw new IllegalStateException(stripPeriod(e.getMessage()) + ". The lock of " + name
                                + " stays until its lease ends at " + expires + " (engine clock)", e);
                    }
                }
            }
        });
    }

    private static boolean pauseQuietly(long ms) {
        try {
            Thread.sleep(ms);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String stripPeriod(String message) {
        return message != null && message.endsWith(".") ? message.substring(0, message.length() - 1) : String.valueOf(message);
    }

    /** @param command the id of the command that holds it, as its lock names it, or null */
    private record Found(String id, LockHolder holder, String command) {}

    /**
     * When the engine created the lock container it has just created, on the engine's clock (the caller's brackets of
     * the create give the clocks' difference from it), or null when the container cannot be read.
     */
    private static Instant createdAt(Docker docker, String id) {
        try {
            String created = docker.callThrough("inspect the lock " + id.substring(0, Math.min(12, id.length())), QUICK,
                    () -> docker.client().inspectContainerCmd(id).exec().getCreated());
            return java.time.OffsetDateTime.parse(created).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The engine's clock minus this machine's, from the moment the engine gives the lock container it has just created
     * ({@code before} and {@code after} bracket the create on this machine's clock); from the engine's system time when
     * the container cannot be read.
     */
    static Duration createdOffset(Docker docker, String id, long before, long after) {
        return offsetFrom(docker, createdAt(docker, id), before, after);
    }

    private static Duration offsetFrom(Docker docker, Instant engineCreated, long before, long after) {
        return engineCreated == null ? clockOffset(docker) : Duration.between(Instant.ofEpochMilli((before + after) / 2), engineCreated);
    }

    /** The engine's clock minus this machine's, or zero when the engine does not say. */
    static Duration clockOffset(Docker docker) {
        try {
            long before = System.currentTimeMillis();
            String engine = docker.callThrough("read the engine's clock", QUICK, () -> docker.client().infoCmd().exec().getSystemTime());
            long after = System.currentTimeMillis();
            Instant local = Instant.ofEpochMilli((before + after) / 2);
            return Duration.between(local, java.time.OffsetDateTime.parse(engine).toInstant());
        } catch (RuntimeException e) {
            return Duration.ZERO;
        }
    }

    private static String containerName(String name) {
        return PREFIX + name;
    }

    static String create(Docker docker, String name, LockHolder me) {
        return create(docker, name, me, null);
    }

    static String create(Docker docker, String name, LockHolder me, String command) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LABEL, name);
        labels.put(LABEL + ".owner", me.owner());
        labels.put(LABEL + ".since", me.since());
        labels.put(LABEL + ".expires", me.expires());
        labels.put(LABEL + ".host", me.host());
        labels.put(LABEL + ".pid", String.valueOf(me.pid()));
        labels.put(LABEL + ".token", me.token());
        if (me.machine() != null) {
            labels.put(LABEL + ".machine", me.machine());
        }
        if (me.started() != null) {
            labels.put(LABEL + ".started", me.started());
        }
        if (command != null) {
            labels.put(LABEL + ".command", command);
        }
        // The image is looked for only when Docker says it is missing (once per engine, or after a prune): a lookup
        // before every lock is a round trip each command pays.
        Optional<String> made = docker.call("create the lock " + containerName(name), QUICK, () -> createOnce(docker, name, labels));
        if (made == null) {
            ensureImage(docker);
            made = docker.call("create the lock " + containerName(name), QUICK, () -> createOnce(docker, name, labels));
            if (made == null) {
                throw new DockerException("Docker has no image " + IMAGE + ":" + TAG + " to create the lock " + containerName(name)
                        + " from, right after it was built", null);
            }
        }
        return made.orElse(null);
    }

    /** The new lock's id, empty when the name is taken, or null when the lock's image is missing. */
    private static Optional<String> createOnce(Docker docker, String name, Map<String, String> labels) {
        try {
            return Optional.of(docker.client().createContainerCmd(IMAGE + ":" + TAG)
                    .withName(containerName(name))
                    .withLabels(labels)
                    .withCmd("/" + LEASE_FILE) // never started: it only holds the name, the labels and the lease
                    .exec().getId());
        } catch (ConflictException taken) {
            return Optional.empty();
        } catch (NotFoundException noImage) {
            return null;
        }
    }

    private static Optional<Found> find(Docker docker, String name) {
        InspectContainerResponse c = docker.callThrough("inspect the lock " + containerName(name), QUICK, () -> {
            try {
                return docker.client().inspectContainerCmd(containerName(name)).exec();
            } catch (NotFoundException e) {
                return null;
            }
        });
        if (c == null) {
            return Optional.empty();
        }
        Map<String, String> l = c.getConfig().getLabels() == null ? Map.of() : c.getConfig().getLabels();
        String expires = l.getOrDefault(LABEL + ".expires", Instant.EPOCH.toString());
        try {
            byte[] renewed = Archive.get(docker, c.getId(), "/" + LEASE_FILE);
            if (renewed != null) {
                String text = new String(renewed, StandardCharsets.US_ASCII).strip();
                if (text.length() > 10 && Instant.parse(text).isAfter(Instant.parse(expires))) {
                    expires = text;
                }
            }
        } catch (RuntimeException unreadable) {
            // removed in between, or garbage: the label's expiry stands
        }
        long pid;
        try {
            pid = Long.parseLong(l.getOrDefault(LABEL + ".pid", "0"));
        } catch (NumberFormatException e) {
            pid = 0;
        }
        return Optional.of(new Found(c.getId(), new LockHolder(l.getOrDefault(LABEL + ".owner", "unknown"),
                l.getOrDefault(LABEL + ".since", "?"), expires, l.getOrDefault(LABEL + ".host", "?"), pid,
                l.getOrDefault(LABEL + ".token", c.getId()), l.get(LABEL + ".machine"), l.get(LABEL + ".started")), l.get(LABEL + ".command")));
    }

    private static void removeById(Docker docker, String id) {
        removedById(docker, id); // not found: released or taken over already
    }

    /** Whether this very container was removed now (false: it was gone already). */
    private static boolean removedById(Docker docker, String id) {
        return docker.callThrough("remove the lock container " + id.substring(0, Math.min(12, id.length())), QUICK, () -> {
            try {
                docker.client().removeContainerCmd(id).withForce(true).exec();
                return true;
            } catch (NotFoundException alreadyGone) {
                return false;
            }
        });
    }

    /** The lock containers' image: one empty file, imported once per engine (no registry needed). */
    static void ensureImage(Docker docker) {
        boolean present = docker.call("inspect image " + IMAGE, QUICK, () -> {
            try {
                docker.client().inspectImageCmd(IMAGE + ":" + TAG).exec();
                return true;
            } catch (NotFoundException e) {
                return false;
            }
        });
        if (!present) {
            // Built from a two-file context rather than imported: the import endpoint needs the tar's exact length.
            byte[] context = Archive.tar(Map.of(
                    "Dockerfile", "FROM scratch\nCOPY lease /lease\nLABEL dev.protostar.lock=image\n".getBytes(StandardCharsets.US_ASCII),
                    LEASE_FILE, Instant.EPOCH.toString().getBytes(StandardCharsets.US_ASCII)));
            docker.run("build image " + IMAGE, QUICK, () -> docker.client().buildImageCmd(new ByteArrayInputStream(context))
                    .withTags(java.util.Set.of(IMAGE + ":" + TAG))
                    .exec(new com.github.dockerjava.api.command.BuildImageResultCallback())
                    .awaitImageId(QUICK.toSeconds(), TimeUnit.SECONDS));
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
