package dev.protostar.core.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BiConsumer;

/** Reads a container's log through the engine, line by line. */
public final class Logs {
    /** How long reading what is already written may take (a --follow read is bounded by the container's life instead). */
    private static final Duration READ = Duration.ofMinutes(5);
    /** A line longer than this is passed on in pieces. */
    private static final int MAX_LINE = 64 * 1024;
    /** How often a follower looks whether the container still runs. */
    private static final Duration LOOK = Duration.ofSeconds(2);
    /** How long a follower waits for the engine to end the stream of a container that stopped. */
    private static final Duration AFTER_STOP = Duration.ofSeconds(5);

    private Logs() {}

    /**
     * Passes each line of {@code container}'s log to {@code lines} (stderr?, text). With {@code follow}, it returns when the
     * container stops or the thread is interrupted (Ctrl-C); otherwise once what is written has been read.
     *
     * @param since Unix time in seconds, or null
     * @param tail the last lines only, or null
     */
    public static void read(Docker docker, String container, boolean follow, Long since, Integer tail, BiConsumer<Boolean, String> lines) {
        Splitter out = new Splitter(false, lines);
        Splitter err = new Splitter(true, lines);
        var cmd = docker.client().logContainerCmd(container).withStdOut(true).withStdErr(true).withFollowStream(follow);
        if (since != null) {
            cmd.withSince((int) Math.min(Integer.MAX_VALUE, Math.max(0, since)));
        }
        if (tail != null) {
            cmd.withTail(tail);
        }
        ResultCallback.Adapter<Frame> cb = cmd.exec(new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame f) {
                (f.getStreamType() == StreamType.STDERR ? err : out).accept(f.getPayload());
            }
        });
        try (cb) {
            if (!follow) {
                if (!cb.awaitCompletion(READ.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    throw new DockerException("reading the log of " + container + " did not finish within " + READ.toMinutes() + " min", null);
                }
                return;
            }
            long stoppedAt = 0;
            while (!cb.awaitCompletion(LOOK.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                // Docker ends the stream when the container stops; this is the bound if it does not.
                if (stoppedAt == 0 && !running(docker, container)) {
                    stoppedAt = System.nanoTime();
                } else if (stoppedAt != 0 && System.nanoTime() - stoppedAt > AFTER_STOP.toNanos()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // asked to stop (Ctrl-C): what was read has been passed on
        } catch (IOException e) {
            // closing the stream: nothing left to read
        } catch (RuntimeException e) {
            throw e instanceof DockerException de ? de
                    : new DockerException("Docker failed to read the log of " + container + ": " + e.getMessage(), e);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static boolean running(Docker docker, String container) {
        try {
            return docker.call("inspect container " + container, Duration.ofSeconds(30),
                    () -> Boolean.TRUE.equals(docker.client().inspectContainerCmd(container).exec().getState().getRunning()));
        } catch (DockerException e) {
            return false;
        }
    }

    /** Frames need not end at line ends: this keeps the unfinished end of one for the next. */
    private static final class Splitter {
        private final boolean stderr;
        private final BiConsumer<Boolean, String> lines;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        Splitter(boolean stderr, BiConsumer<Boolean, String> lines) {
            this.stderr = stderr;
            this.lines = lines;
        }

        synchronized void accept(byte[] bytes) {
            for (byte b : bytes) {
                if (b == '\n') {
                    emit();
                } else {
                    pending.write(b);
                    if (pending.size() >= MAX_LINE) {
                        emit();
                    }
                }
            }
        }

        synchronized void flush() {
            if (pending.size() > 0) {
                emit();
            }
        }

        private void emit() {
            String line = pending.toString(StandardCharsets.UTF_8);
            pending.reset();
            lines.accept(stderr, line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        }
    }
}
