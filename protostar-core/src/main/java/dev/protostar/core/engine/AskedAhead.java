package dev.protostar.core.engine;

import dev.protostar.core.docker.ColorContainer;
import dev.protostar.core.docker.ColorContainers;
import dev.protostar.core.http.HttpProbe;
import dev.protostar.core.spec.AppSpec;
import dev.protostar.core.spec.Color;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A switch's target asked for its health check while the switch takes its lock and reads the live route, where a probe
 * is an exec (nginx in a container, 150-300 ms under load): for {@code previous}, the color nginx does not serve (the
 * probe token for that question comes from an earlier command of the process, never from a read of the include). The
 * gate takes the answer as its first probe only if it passed, came from the very container it switches to at the same
 * address, and is at most {@link #AT_MOST} old; {@link HealthGate} also drops it if the container restarted since.
 * Read-only: a thread still asking when its command ended finishes one probe, or fails on the closed Docker client.
 */
final class AskedAhead {
    /** An answer older than this (the lock was waited for) is not taken: the gate asks again. */
    static final Duration AT_MOST = Duration.ofSeconds(1);

    /** A color's container as it ran (read before it was asked), and its answer. */
    record Answer(String containerId, String endpoint, ColorContainers.Life life, HttpProbe.Response response, long startedNanos) {}

    private final Session s;
    private final CompletableFuture<Answer> asking;

    private AskedAhead(Session s, CompletableFuture<Answer> asking) {
        this.s = s;
        this.asking = asking;
    }

    /** Starts asking, or asks nothing where a probe is a request (or no thread can be had): the gate asks then. */
    static AskedAhead start(Session s, String to) {
        if (!s.router.probesAreSlow()) {
            return new AskedAhead(s, null);
        }
        try {
            return new AskedAhead(s, CompletableFuture.supplyAsync(() -> ask(s, to), work -> {
                Thread t = new Thread(work, "protostar-ask-ahead");
                t.setDaemon(true);
                t.start();
            }));
        } catch (RuntimeException | Error noThread) {
            return new AskedAhead(s, null);
        }
    }

    private static Answer ask(Session s, String to) {
        long startedNanos = s.clock.nanoTime();
        try {
            Color likely;
            if ("previous".equals(to)) {
                String serving = s.router.askIfKnown(s.spec.verify().path(), s.spec.verify().timeout())
                        .map(a -> a.colorOf(s.spec.app())).orElse(null);
                if (serving == null) {
                    return null;
                }
                likely = Color.parse(serving).other();
            } else {
                likely = Color.parse(to);
            }
            Optional<ColorContainer> c = s.containers.find(s.spec, likely).filter(ColorContainer::running);
            if (c.isEmpty() || c.get().endpoint() == null) {
                return null;
            }
            Optional<ColorContainers.Life> life = s.containers.life(c.get().name()); // before the answer: a restart after it shows
            if (life.isEmpty()) {
                return null;
            }
            AppSpec.Health h = s.spec.health();
            HttpProbe.Response r = s.router.path().get("http://" + c.get().endpoint(), h.path(), null, h.timeout());
            return new Answer(c.get().id(), c.get().endpoint(), life.get(), r, startedNanos);
        } catch (IOException | RuntimeException e) {
            return null; // the gate asks, and says what went wrong
        }
    }

    /** The answer, if it is of {@code c} and recent enough; waited for (sooner over than a probe of the gate's own) {@link #AT_MOST} at most. */
    Optional<Answer> of(ColorContainer c) {
        if (asking == null) {
            return Optional.empty();
        }
        Answer a;
        try {
            a = asking.get(AT_MOST.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the gate's own wait then ends the command at its next safe point
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(a).filter(x -> x.containerId().equals(c.id()) && x.endpoint().equals(c.endpoint())
                && s.clock.nanoTime() - x.startedNanos() <= AT_MOST.toNanos());
    }
}
