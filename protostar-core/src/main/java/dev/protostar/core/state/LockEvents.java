package dev.protostar.core.state;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import dev.protostar.core.docker.Docker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The engine's events between two takings of an app's lock by this process: whether anyone else held it in between,
 * so that what this process knew of the app then still holds (see {@link KeptState}). The engine keeps its last 256
 * events in memory and replays those from {@code since} on (moby {@code daemon/events/events.go},
 * {@code loadBufferedEvents}): the earlier lock's own {@code create} must come first, or the log does not reach back.
 */
public final class LockEvents {
    /** Reading the event log is worth waiting for only while it is faster than the copy it saves. */
    static final Duration PATIENCE = Duration.ofSeconds(2);

    private LockEvents() {}

    /** Whether nobody but the holders of {@code before} and {@code now} had the lock between their creations. */
    public static boolean nobodyElseBetween(Docker docker, LockMark before, LockMark now) {
        if (before == null || now == null || now.createdNanos() <= before.createdNanos() || !before.container().equals(now.container())) {
            return false;
        }
        try {
            List<Event> events = upTo(docker, before.createdNanos(), now, EventType.CONTAINER);
            return events != null && onlyThese(events, before, now);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Of the lock's events, whether the first is {@code before}'s creation and every one is of {@code before} or
     * {@code now}; events of other containers are not looked at.
     */
    static boolean onlyThese(List<Event> events, LockMark before, LockMark now) {
        boolean reachesBack = false;
        for (Event e : events) {
            if (e.getType() == EventType.VOLUME || !now.container().equals(name(e))) {
                continue;
            }
            if (!reachesBack) {
                if (!before.id().equals(actor(e)) || !"create".equals(e.getAction())) {
                    return false;
                }
                reachesBack = true;
            } else if (!before.id().equals(actor(e)) && !now.id().equals(actor(e))) {
                return false;
            }
        }
        return reachesBack;
    }

    static String name(Event e) {
        return e.getActor() == null || e.getActor().getAttributes() == null ? null : e.getActor().getAttributes().get("name");
    }

    /** The container or volume the event is about (the event's own id field is gone from newer API versions). */
    static String actor(Event e) {
        return e.getActor() == null ? null : e.getActor().getId();
    }

    /**
     * The events of the lock container and of {@code alsoContainer} (null: none) from {@code since} up to the new lock's
     * {@code create}, in the engine's order; null when that event did not come in time. The new lock's event ends the
     * read rather than a time, so that no clock is compared with another.
     */
    static List<Event> upTo(Docker docker, long since, LockMark now, EventType... types) {
        return upTo(docker, since, now, null, types);
    }

    static List<Event> upTo(Docker docker, long since, LockMark now, String alsoContainer, EventType... types) {
        return docker.callThrough("read the engine's events", PATIENCE.plusSeconds(1), () -> {
            List<Event> out = new ArrayList<>();
            CountDownLatch reached = new CountDownLatch(1);
            String[] containers = alsoContainer == null ? new String[] {now.container()} : new String[] {alsoContainer, now.container()};
            try (ResultCallback.Adapter<Event> cb = docker.client().eventsCmd()
                    .withSince(stamp(since)).withContainerFilter(containers)
                    .withEventTypeFilter(types)
                    .exec(new ResultCallback.Adapter<>() {
                        @Override
                        public void onNext(Event e) {
                            synchronized (out) {
                                if (reached.getCount() == 0) {
                                    return;
                                }
                                out.add(e);
                                if (now.id().equals(actor(e)) && "create".equals(e.getAction())) {
                                    reached.countDown();
                                }
                            }
                        }
                    })) {
                if (!reached.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                    return null;
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
