package dev.protostar.core.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * An app's deploy lock: a file created atomically (create-new) in the router's state directory,
 * naming its owner, when it was taken and when its lease ends. A lock whose lease has ended is
 * taken over, and the takeover is reported.
 */
public final class DeployLock implements AutoCloseable {
    public record Holder(String owner, String since, String expires, String host, long pid) {}

    private final Path file;
    private final Holder holder;
    private final String tookOverFrom;

    private DeployLock(Path file, Holder holder, String tookOverFrom) {
        this.file = file;
        this.holder = holder;
        this.tookOverFrom = tookOverFrom;
    }

    public static DeployLock acquire(Path stateDir, String app, String owner, Duration lease) {
        Path file = stateDir.resolve(app + ".lock");
        Instant now = Instant.now();
        Holder me = new Holder(owner, now.toString(), now.plus(lease).toString(), hostName(), ProcessHandle.current().pid());
        try {
            Files.createDirectories(stateDir);
            byte[] bytes = Json.MAPPER.writeValueAsBytes(me);
            for (int attempt = 0; attempt < 3; attempt++) {
                try {
                    Files.write(file, bytes, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
                    return new DeployLock(file, me, null);
                } catch (FileAlreadyExistsException held) {
                    Optional<Holder> other = read(file);
                    if (other.isEmpty()) {
                        continue; // released meanwhile
                    }
                    Holder h = other.get();
                    if (Instant.parse(h.expires()).isAfter(now)) {
                        throw new LockHeldException(app, h);
                    }
                    // Lease ended: take it over. Rename-then-create so only one taker wins.
                    Path stale = stateDir.resolve(app + ".lock.stale-" + ProcessHandle.current().pid());
                    try {
                        Files.move(file, stale);
                        Files.deleteIfExists(stale);
                    } catch (NoSuchFileException someoneElse) {
                        continue;
                    }
                    try {
                        Files.write(file, bytes, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
                        return new DeployLock(file, me, h.owner() + " (since " + h.since() + ", lease ended " + h.expires() + ")");
                    } catch (FileAlreadyExistsException lost) {
                        continue;
                    }
                }
            }
            throw new LockHeldException(app, read(file).orElse(new Holder("unknown", "?", "?", "?", 0)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot take the deploy lock " + file + ": " + e.getMessage(), e);
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
            return Optional.of(new Holder("unreadable lock file " + file, "?", Instant.EPOCH.toString(), "?", 0));
        }
    }

    public Holder holder() {
        return holder;
    }

    /** The previous owner whose expired lease this lock took over, or null. */
    public String tookOverFrom() {
        return tookOverFrom;
    }

    @Override
    public void close() {
        try {
            Optional<Holder> now = read(file);
            if (now.isPresent() && now.get().since().equals(holder.since()) && now.get().pid() == holder.pid()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot release the deploy lock " + file + ": " + e.getMessage(), e);
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
