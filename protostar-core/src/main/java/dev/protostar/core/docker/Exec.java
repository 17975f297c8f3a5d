package dev.protostar.core.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.protostar.core.Printable;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command inside a running container through the Docker API (no shell, no SSH) and collects its output. */
public final class Exec {
    private static final int MAX_OUTPUT = 256 * 1024;
    /** The bound of a command run for a user, who stops it sooner with Ctrl-C. */
    private static final Duration LONGEST = Duration.ofHours(24);

    /**
     * @param exitCode the command's exit code; 126/127 when the container has no such program
     * @param rawStdout stdout as the bytes it was (a response body need not be UTF-8)
     */
    public record Result(int exitCode, String stdout, String stderr, byte[] rawStdout) {
        public Result(int exitCode, String stdout, String stderr) {
            this(exitCode, stdout, stderr, stdout.getBytes(StandardCharsets.UTF_8));
        }

        public String output() {
            return (stdout + stderr).strip();
        }
    }

    private Exec() {}

    /**
     * The argv goes to the engine as a JSON array and runs without a shell, so no word can become two
     * or an option of another: only an empty command, a null word or a NUL (which would cut a word short
     * in the container) is refused here, before anything is sent.
     */
    static void check(List<String> command) {
        if (command == null || command.isEmpty() || command.get(0) == null || command.get(0).isEmpty()) {
            throw new DockerException("refusing to run an empty command in a container", null);
        }
        for (String word : command) {
            if (word == null || word.indexOf('\0') >= 0) {
                throw new DockerException("refusing to run \"" + Printable.of(command.get(0)) + "\" in a container: an argument is "
                        + (word == null ? "missing" : "cut short by a NUL character"), null);
            }
        }
    }

    public static Result run(Docker docker, String container, List<String> command, Duration deadline) {
        return run(docker, container, command, deadline, false);
    }

    /** @param throughInterrupts finish even if the thread is interrupted (see {@link Docker#callThrough}) */
    public static Result run(Docker docker, String container, List<String> command, Duration deadline, boolean throughInterrupts) {
        return run(docker, container, command, deadline, throughInterrupts, String.join(" ", command));
    }

    /** @param label what the command does, in the messages, for a command too long to quote there (a script) */
    public static Result run(Docker docker, String container, List<String> command, Duration deadline, boolean throughInterrupts,
                             String label) {
        check(command);
        String what = "run " + label + " in container " + container;
        java.util.concurrent.Callable<Result> call = () -> {
            String id = docker.client().execCreateCmd(container)
                    .withCmd(command.toArray(String[]::new))
                    .withAttachStdout(true)
                    .withAttachStderr(true)
                    .exec().getId();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            try (ResultCallback.Adapter<Frame> cb = docker.client().execStartCmd(id).exec(new ResultCallback.Adapter<>() {
                @Override
                public void onNext(Frame f) {
                    ByteArrayOutputStream to = f.getStreamType() == StreamType.STDERR ? err : out;
                    if (to.size() < MAX_OUTPUT) {
                        to.writeBytes(f.getPayload());
                    }
                }
            })) {
                if (!cb.awaitCompletion(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new DockerException("\"" + label + "\" in container " + container
                            + " did not finish within " + deadline.toSeconds() + " s", null);
                }
            }
            Long code = docker.client().inspectExecCmd(id).exec().getExitCodeLong();
            return new Result(code == null ? -1 : code.intValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                    out.toByteArray());
        };
        return throughInterrupts ? docker.callThrough(what, deadline.plusSeconds(5), call) : docker.call(what, deadline.plusSeconds(5), call);
    }

    /**
     * Runs {@code command} in {@code container} and passes its output on as it comes ({@code output.accept(stderr?, bytes)}),
     * for as long as it runs: the caller bounds it (an interrupt, Ctrl-C, stops waiting; the command itself goes on in the
     * container until it ends). Returns its exit code, or -1 when it was left running.
     */
    public static int stream(Docker docker, String container, List<String> command, java.util.function.BiConsumer<Boolean, byte[]> output) {
        check(command);
        String what = "run " + Printable.of(command.get(0)) + " in container " + container;
        // Created, started and waited for on the engine's call thread, as run() does: an interrupt (Ctrl-C) cancels the wait.
        String id;
        try {
            id = docker.call(what, LONGEST, () -> {
                String exec = docker.client().execCreateCmd(container)
                        .withCmd(command.toArray(String[]::new))
                        .withAttachStdout(true)
                        .withAttachStderr(true)
                        .exec().getId();
                try (ResultCallback.Adapter<Frame> cb = docker.client().execStartCmd(exec).exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Frame f) {
                        output.accept(f.getStreamType() == StreamType.STDERR, f.getPayload());
                    }
                })) {
                    cb.awaitCompletion();
                }
                return exec;
            });
        } catch (DockerException e) {
            if (Thread.currentThread().isInterrupted()) {
                return -1;
            }
            throw e;
        }
        // The output can end a moment before the engine has recorded the exit code.
        Long code = docker.call("read the exit code of " + Printable.of(command.get(0)), Duration.ofSeconds(30), () -> {
            while (true) {
                var inspected = docker.client().inspectExecCmd(id).exec();
                if (!Boolean.TRUE.equals(inspected.isRunning()) && inspected.getExitCodeLong() != null) {
                    return inspected.getExitCodeLong();
                }
                Thread.sleep(50);
            }
        });
        return code.intValue();
    }
}
