package dev.protostar.core.state;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import dev.protostar.core.docker.Docker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * An app's state files as the last command of this process left them, for the next command on the app to start from
 * instead of copying them out of the engine again: a copy costs 150-300 ms on Docker 20.10 (it re-executes dockerd for
 * each one), reading the engine's event log a few milliseconds. It pays in a process that runs many commands (the
 * resident engine, a Jenkins agent).
 *
 * <p>The files are used only while nobody else can have touched them. The next command's lock must not be a takeover,
 * and the engine's events between the two locks' creation must show:
 * <ul>
 * <li>first, the earlier lock container's {@code create}: the log reaches back that far. The engine keeps its last 256
 * events in memory and replays those from {@code since} to {@code until}, both inclusive (moby
 * {@code daemon/events/events.go}, {@code loadBufferedEvents}); a restarted engine, or one busy enough to have dropped
 * them, has lost that event, and the files are copied again;</li>
 * <li>on the lock container, nothing of any lock but those two: another holder took the lock in between;</li>
 * <li>on the state container, only reads ({@code archive-path}) and exactly as many writes ({@code extract-to-dir}) as
 * the earlier command made; its removal or creation (a prune) is a change too.</li>
 * </ul>
 * A copy that fails part-way logs no event (moby {@code daemon/archive.go} logs {@code extract-to-dir} after a whole
 * extraction), but only a holder of the lock copies in, and its lock shows. A holder that lost its lock while paused and
 * lands a copy later is the one writer this cannot see, as a command that read just before it landed cannot.
 */
final class KeptState {
    private record Kept(String lockId, long lockCreatedNanos, int writes, Map<String, byte[]> files) {}

    private static final Map<String, Kept> KEPT = new ConcurrentHashMap<>();
    private static final Duration QUICK = Duration.ofSeconds(10);

    private KeptState() {}

    private static String key(Docker docker, String app) {
        return docker.host() + "\n" + app;
    }

    /** Keeps {@code files} as the state after the command under {@code lock}, which copied into it {@code writes} times. */
    static void keep(Docker docker, String app, LockMark lock, int writes, Map<String, byte[]> files) {
        KEPT.put(key(docker, app), new Kept(lock.id(), lock.createdNanos(), writes, Map.copyOf(files)));
    }

    static void drop(Docker docker, String app) {
        KEPT.remove(key(docker, app));
    }

    /** The files kept for the app, if the engine's events since show nobody else touched them before {@code now} was taken. */
    static Optional<Map<String, byte[]>> since(Docker docker, String app, String stateContainer, LockMark now) {
        Kept k = KEPT.remove(key(docker, app));
        if (k == null || now.tookOver() || now.createdNanos() <= k.lockCreatedNanos()) {
            return Optional.empty();
        }
        List<Event> events;
        try {
            events = events(docker, k.lockCreatedNanos(), now.createdNanos(), stateContainer, now.container());
        } catch (RuntimeException e) {
            return Optional.empty(); // read the copy instead
        }
        return untouched(events, k, stateContainer, now) ? Optional.of(new LinkedHashMap<>(k.files())) : Optional.empty();
    }

    private static boolean untouched(List<Event> events, Kept k, String stateContainer, LockMark now) {
        if (events.isEmpty() || !k.lockId().equals(actor(events.get(0))) || !"create".equals(events.get(0).getAction())) {
            return false;
        }
        int writes = 0;
        for (Event e : events) {
            String name = e.getActor() == null || e.getActor().getAttributes() == null ? null : e.getActor().getAttributes().get("name");
            if (name == null) {
                return false;
            }
            if (name.equals(now.container())) {
                if (!k.lockId().equals(actor(e)) && !now.id().equals(actor(e))) {
                    return false;
                }
            } else if (name.equals(stateContainer)) {
                if ("extract-to-dir".equals(e.getAction())) {
                    writes++;
                } else if (!"archive-path".equals(e.getAction())) {
                    return false;
                }
            }
            // else another container whose name begins with one of ours (the filter matches names by prefix)
        }
        return writes == k.writes();
    }

    /** The container the event is about (the event's own id field is gone from newer API versions). */
    private static String actor(Event e) {
        return e.getActor() == null ? null : e.getActor().getId();
    }

    private static List<Event> events(Docker docker, long since, long until, String... containers) {
        return docker.callThrough("read the engine's events", QUICK, () -> {
            List<Event> out = new ArrayList<>();
            try (ResultCallback.Adapter<Event> cb = docker.client().eventsCmd()
                    .withSince(stamp(since)).withUntil(stamp(until)).withContainerFilter(containers)
                    .withEventTypeFilter(EventType.CONTAINER) // not the volume's mounts, which name the container they serve
                    .exec(new ResultCallback.Adapter<>() {
                        @Override
                        public void onNext(Event e) {
                            synchronized (out) {
                                out.add(e);
                            }
                        }
                    })) {
                // An until in the past: the engine sends what it kept and ends the stream.
                if (!cb.awaitCompletion(QUICK.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("the engine's events did not end");
                }
            }
            synchronized (out) {
                return List.copyOf(out);
            }
        });
    }

    /** Seconds and nanoseconds, as the engine's API takes a time. */
    static String stamp(long nanos) {
        return Math.floorDiv(nanos, 1_000_000_000L) + "." + String.format("%09d", Math.floorMod(nanos, 1_000_000_000L));
    }
}
