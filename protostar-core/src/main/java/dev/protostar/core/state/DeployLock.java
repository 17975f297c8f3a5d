package dev.protostar.core.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An app's deploy lock: a file in the router's state directory naming its owner, when it was taken
 * and when its lease ends. It is published whole with a hard link (atomic, and it fails if the lock
 * exists), and its lease is renewed while the deploy runs, so only a dead deploy's lock expires. An
 * expired lock is taken over, and the takeover is reported.
 */
public final class DeployLock implements AutoCloseable {
    /** @param token tells this lock from any other, also one by the same owner */
    public record Holder(String owner, String since, String expires, String host, long pid, String token) {}

    private static final Duration UNREADABLE_GRACE = Duration.ofMinutes(1);

    private final Path file;
    private final String tookOverFrom;
    private final Duration lease;
    private volatile Holder holder;
    private final ScheduledExecutorService heartbeat;

    private DeployLock(Path file, Holder holder, Duration lease, String tookOverFrom) {
        this.file = file;
        this.holder = holder;
        this.lease = lease;
        this.tookOverFrom = tookOverFrom;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "protostar-lock-" + file.getFileName());
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1000, lease.toMillis() / 3);
        heartbeat.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    public static DeployLock acquire(Path stateDir, String app, String owner, Duration lease) {
        Path file = stateDir.resolve(app + ".lock");
        try {
            StateDir.create(stateDir);
            for (int attempt = 0; attempt < 5; attempt++) {
                Instant now = Instant.now();
                Holder me = new Holder(owner, now.toString(), now.plus(lease).toString(), hostName(),
                        ProcessHandle.current().pid(), UUID.randomUUID().toString());
                if (publish(file, me)) {
                    return new DeployLock(file, me, lease, null);
                }
                Optional<Holder> other = read(file);
                if (other.isEmpty()) {
                    continue; // released meanwhile
                }
                Holder h = other.get();
                boolean dead = h.host().equals(me.host()) && h.pid() > 0 && ProcessHandle.of(h.pid()).filter(ProcessHandle::isAlive).isEmpty();
                if (Instant.parse(h.expires()).isAfter(now) && !dead) {
                    throw new LockHeldException(app, h);
                }
                if (takeOver(file, h) && publish(file, me)) {
                    return new DeployLock(file, me, lease, h.owner() + " (since " + h.since() + ", "
                            + (dead ? "its process " + h.pid() + " on this host is gone" : "lease ended " + h.expires()) + ")");
                }
            }
            throw new LockHeldException(app, read(file).orElse(new Holder("unknown", "?", "?", "?", 0, "")));
        } catch (IOException e) {
            throw new IllegalStateException("cannot take the deploy lock " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the holder to a temp file and links it in as the lock: all or nothing, and only if there is none. */
    private static boolean publish(Path file, Holder me) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".new");
        try {
            Files.write(tmp, Json.MAPPER.writeValueAsBytes(me));
            Files.createLink(file, tmp);
            return true;
        } catch (FileAlreadyExistsException held) {
            return false;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Moves an expired lock aside; if what was moved turns out to be a fresh lock, it is put back. */
    private static boolean takeOver(Path file, Holder stale) throws IOException {
        Path aside = file.resolveSibling(file.getFileName() + ".stale-" + UUID.randomUUID());
        try {
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException gone) {
            return true;
        }
        try {
            Optional<Holder> moved = read(aside);
            if (moved.isPresent() && !moved.get().token().equals(stale.token())) {
                try {
                    Files.createLink(file, aside); // someone's fresh lock: give it back
                } catch (FileAlreadyExistsException alreadyReplaced) {
                    // a third deploy holds it now; the lock we moved lost nothing it could still use
                }
                return false;
            }
            return true;
        } finally {
            Files.deleteIfExists(aside);
        }
    }

    public static Optional<Holder> read(Path stateDir, String app) {
        return read(stateDir.resolve(app + ".lock"));
    }

    private static Optional<Holder> read(Path file) {
        try {
            return Optional.of(Json.MAPPER.readValue(Files.readString(file, StandardCharsets.UTF_8), Holder.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            // Unreadable: treated as held for a grace period after it was last written, then as stale.
            try {
                Instant written = Files.getLastModifiedTime(file).toInstant();
                return Optional.of(new Holder("an unreadable lock file " + file, written.toString(),
                        written.plus(UNREADABLE_GRACE).toString(), "?", 0, "unreadable-" + written));
            } catch (IOException gone) {
                return Optional.empty();
            }
        }
    }

    private void renew() {
        Holder current = holder;
        Optional<Holder> onDisk = read(file);
        if (onDisk.isEmpty() || !onDisk.get().token().equals(current.token())) {
            heartbeat.shutdown(); // released by force, or taken over: nothing of ours to renew
            return;
        }
        Holder renewed = new Holder(current.owner(), current.since(), Instant.now().plus(lease).toString(),
                current.host(), current.pid(), current.token());
        try {
            Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".renew");
            try {
                Files.write(tmp, Json.MAPPER.writeValueAsBytes(renewed));
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
                holder = renewed;
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            // the next beat tries again; the lease is three beats long
        }
    }

    public Holder holder() {
        return holder;
    }

    /** The previous owner whose expired lease this lock took over, or null. */
    public String tookOverFrom() {
        return tookOverFrom;
    }

    /** Releases the lock if it is still ours; a lock released by force or taken over is left alone. */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        try {
            heartbeat.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Optional<Holder> now = read(file);
        if (now.isPresent() && now.get().token().equals(holder.token())) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new IllegalStateException("cannot release the deploy lock " + file + ": " + e.getMessage(), e);
            }
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
