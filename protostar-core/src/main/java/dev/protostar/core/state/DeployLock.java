package dev.protostar.core.state;

import dev.protostar.core.files.AtomicFile;
import dev.protostar.core.files.FileGuard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An app's deploy lock: a file in the router's state directory naming its owner, when it was taken
 * and when its lease ends. Every change to it (take, renew, take over, release) happens under a
 * guard (a lock on a side file, and a lock within this JVM), so the checks and the writes cannot
 * interleave. The lease is renewed while the deploy runs, so only a dead deploy's lock lapses; a
 * lapsed lock, or one whose process is provably gone, is taken over and the takeover is reported.
 */
public final class DeployLock implements AutoCloseable {
    /**
     * @param token tells this lock from any other, also one by the same owner
     * @param machine this machine's boot and process namespace, so a process id is only compared where it means something
     * @param started when the holder's process started, so a reused process id is not taken for the holder
     */
    public record Holder(String owner, String since, String expires, String host, long pid, String token,
                         String machine, String started) {}

    private static final Duration UNREADABLE_GRACE = Duration.ofMinutes(1);

    private final Path file;
    private final String tookOverFrom;
    private final Duration lease;
    private final ScheduledExecutorService heartbeat;
    private Holder holder;   // guarded
    private boolean closed;  // guarded
    private volatile boolean lost;

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
            Instant now = Instant.now();
            Holder me = new Holder(owner, now.toString(), now.plus(lease).toString(), hostName(),
                    ProcessHandle.current().pid(), UUID.randomUUID().toString(), Machine.id(), Machine.started(ProcessHandle.current()));
            String tookOver = guarded(file, () -> {
                Optional<Holder> other = read(file);
                String from = null;
                if (other.isPresent()) {
                    Holder h = other.get();
                    boolean gone = Machine.processGone(h);
                    if (Instant.parse(h.expires()).isAfter(now) && !gone) {
                        throw new LockHeldException(app, h);
                    }
                    from = h.owner() + " (since " + h.since() + ", "
                            + (gone ? "its process " + h.pid() + " on this machine is gone" : "lease ended " + h.expires()) + ")";
                }
                write(file, me);
                return from;
            });
            return new DeployLock(file, me, lease, tookOver);
        } catch (IOException e) {
            throw new IllegalStateException("cannot take the deploy lock " + file + ": " + e.getMessage(), e);
        }
    }

    public static Optional<Holder> read(Path stateDir, String app) {
        return read(stateDir.resolve(app + ".lock"));
    }

    /** Still ours, read from the file now: not released by force, not taken over, lease not lapsed. Check before switching. */
    public boolean stillHeld() {
        if (lost) {
            return false;
        }
        try {
            return guarded(file, () -> {
                Optional<Holder> onDisk = read(file);
                return onDisk.isPresent() && Objects.equals(onDisk.get().token(), holder.token())
                        && Instant.parse(onDisk.get().expires()).isAfter(Instant.now());
            });
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void renew() {
        try {
            guarded(file, () -> {
                if (closed) {
                    return null;
                }
                Optional<Holder> onDisk = read(file);
                if (onDisk.isEmpty() || !Objects.equals(onDisk.get().token(), holder.token())) {
                    lost = true;
                    return null;
                }
                Holder renewed = new Holder(holder.owner(), holder.since(), Instant.now().plus(lease).toString(), holder.host(),
                        holder.pid(), holder.token(), holder.machine(), holder.started());
                write(file, renewed);
                holder = renewed;
                return null;
            });
        } catch (IOException | RuntimeException e) {
            // the next beat tries again; the lease is three beats long
        }
    }

    /** The previous owner whose lock this one took over, or null. */
    public String tookOverFrom() {
        return tookOverFrom;
    }

    /** Releases the lock if it is still ours; a lock released by force or taken over is left alone. */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        try {
            guarded(file, () -> {
                closed = true;
                Optional<Holder> now = read(file);
                if (now.isPresent() && Objects.equals(now.get().token(), holder.token())) {
                    Files.deleteIfExists(file);
                }
                return null;
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot release the deploy lock " + file + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} holding the lock's guard; an interrupt neither cuts it short nor is lost. */
    private static <T> T guarded(Path file, FileGuard.Work<T> work) throws IOException {
        return FileGuard.hold(file.resolveSibling(file.getFileName() + ".guard"), work);
    }

    /** Temp file + rename, so readers without the guard (status) never see half a file. */
    private static void write(Path file, Holder h) throws IOException {
        AtomicFile.write(file, Json.MAPPER.writeValueAsBytes(h), false);
    }

    private static Optional<Holder> read(Path file) {
        byte[] bytes;
        try {
            bytes = AtomicFile.read(file);
        } catch (IOException e) {
            return unreadable(file);
        }
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            Holder h = Json.MAPPER.readValue(new String(bytes, StandardCharsets.UTF_8), Holder.class);
            if (h.owner() == null || h.expires() == null) {
                return unreadable(file);
            }
            return Optional.of(h);
        } catch (IOException | RuntimeException e) {
            return unreadable(file);
        }
    }

    /** Unreadable: treated as held for a grace period after it was last written, then as stale. */
    private static Optional<Holder> unreadable(Path file) {
        try {
            Instant written = Files.getLastModifiedTime(file).toInstant();
            return Optional.of(new Holder("an unreadable lock file " + file, written.toString(),
                    written.plus(UNREADABLE_GRACE).toString(), "?", 0, "unreadable-" + written, null, null));
        } catch (IOException gone) {
            return Optional.empty();
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
