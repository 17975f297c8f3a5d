package dev.protostar.core.state;

import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import dev.protostar.core.docker.Docker;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An app's state files as the last command of this process left them, for the next command on the app to start from
 * instead of copying them out of the engine again: a copy costs 150-300 ms on Docker 20.10 (it re-executes dockerd for
 * each one), reading the engine's event log a few milliseconds. It pays in a process that runs many commands (the
 * resident engine, a Jenkins agent).
 *
 * <p>The files are used only while nobody else can have touched them. The engine's events from the earlier lock
 * container's creation up to the new lock's {@code create} must show:
 * <ul>
 * <li>first, the earlier lock's {@code create}: the log reaches back that far. The engine keeps its last 256 events in
 * memory and replays those from {@code since} on (moby {@code daemon/events/events.go}, {@code loadBufferedEvents}); a
 * restarted engine, or one busy enough to have dropped that event, has not, and the files are copied again. So has one
 * whose clock stepped back: the replay stops at the first event older than {@code since};</li>
 * <li>of the lock container, nothing of any lock but those two: another holder took the lock in between;</li>
 * <li>of the state container, only reads ({@code archive-path}) and exactly as many writes ({@code extract-to-dir}) as
 * the earlier command made: its removal or creation (a prune) is a change too;</li>
 * <li>of the state volume, as many mounts as copies in and out of the state container (each mounts it). A copy that
 * fails part-way logs no {@code extract-to-dir} (moby {@code daemon/archive.go} logs it after a whole extraction), but
 * its mount shows (moby {@code daemon/volumes_unix.go}, {@code setupMounts}), and so does another container that
 * mounts the volume to write to it.</li>
 * </ul>
 * What no event shows is a write to the volume's directory on the engine's host by hand.
 */
final class KeptState {
    private record Kept(String lockId, long lockCreatedNanos, int writes, boolean standing, Map<String, byte[]> files, long bytes) {}

    /** What is kept for the next command, once nobody touched it since: its files, and whether the state container stands. */
    record Found(Map<String, byte[]> files, boolean standing) {}

    /** Least recently used first. */
    private static final LinkedHashMap<String, Kept> KEPT = new LinkedHashMap<>(16, 0.75f, true);
    /** What a long-lived process (an agent serving hundreds of apps) holds at most: bytes per app, and in all. */
    private static final long MAX_BYTES = 4L << 20;
    private static final long MAX_TOTAL = 32L << 20;
    private static long total;

    private KeptState() {}

    private static String key(Docker docker, String app) {
        return docker.host() + "\n" + app;
    }

    /**
     * Keeps {@code files} as the state after the command under {@code lock}, which copied into it {@code writes} times;
     * {@code standing}: whether the state container was there when it ended.
     */
    static void keep(Docker docker, String app, LockMark lock, int writes, boolean standing, Map<String, byte[]> files) {
        long bytes = files.values().stream().mapToLong(b -> b.length).sum();
        if (bytes > MAX_BYTES) {
            drop(docker, app);
            return;
        }
        Kept k = new Kept(lock.id(), lock.createdNanos(), writes, standing, Collections.unmodifiableMap(new LinkedHashMap<>(files)), bytes);
        synchronized (KEPT) {
            forget(KEPT.put(key(docker, app), k));
            total += bytes;
            for (var eldest = KEPT.entrySet().iterator(); total > MAX_TOTAL && eldest.hasNext(); ) {
                total -= eldest.next().getValue().bytes();
                eldest.remove();
            }
        }
    }

    static void drop(Docker docker, String app) {
        take(docker, app);
    }

    private static Kept take(Docker docker, String app) {
        synchronized (KEPT) {
            Kept k = KEPT.remove(key(docker, app));
            forget(k);
            return k;
        }
    }

    /** How many apps' files are kept, and their bytes in all (for tests). */
    static long[] held() {
        synchronized (KEPT) {
            return new long[] {KEPT.size(), total};
        }
    }

    private static void forget(Kept k) {
        if (k != null) {
            total -= k.bytes();
        }
    }

    /** What was kept for the app, if the engine's events show nobody else touched it before the lock {@code now} was taken. */
    static Optional<Found> since(Docker docker, String app, String stateContainer, LockMark now) {
        Kept k = take(docker, app);
        if (k == null || now.createdNanos() <= k.lockCreatedNanos()) {
            return Optional.empty();
        }
        List<Event> events;
        try {
            events = LockEvents.upTo(docker, k.lockCreatedNanos(), now, stateContainer, EventType.CONTAINER, EventType.VOLUME);
        } catch (RuntimeException e) {
            return Optional.empty(); // copy instead
        }
        return events != null && untouched(events, k, stateContainer, now)
                ? Optional.of(new Found(new LinkedHashMap<>(k.files()), k.standing())) : Optional.empty();
    }

    private static boolean untouched(List<Event> events, Kept k, String stateContainer, LockMark now) {
        int writes = 0;
        int copies = 0;
        int mounts = 0;
        for (Event e : events) {
            if (e.getType() == EventType.VOLUME) {
                // Mounted by the state container for a copy, or by another container, which no copy matches. (Its removal or
                // creation needs the state container's first, which shows.) Another volume's name may begin with ours.
                if (stateContainer.equals(LockEvents.actor(e)) && "mount".equals(e.getAction())) {
                    mounts++;
                }
                continue;
            }
            String name = LockEvents.name(e);
            if (name == null) {
                return false;
            }
            if (name.equals(stateContainer)) {
                if ("extract-to-dir".equals(e.getAction())) {
                    writes++;
                    copies++;
                } else if ("archive-path".equals(e.getAction())) {
                    copies++;
                } else {
                    return false;
                }
            }
            // else another container whose name begins with one of ours
        }
        return LockEvents.onlyThese(events, new LockMark(now.container(), k.lockId(), k.lockCreatedNanos()), now)
                && writes == k.writes() && mounts == copies;
    }

    /** Seconds and nanoseconds, as the engine's API takes a time. */
    static String stamp(long nanos) {
        return LockEvents.stamp(nanos);
    }
}
