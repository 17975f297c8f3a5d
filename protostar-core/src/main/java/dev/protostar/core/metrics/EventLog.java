package dev.protostar.core.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Event;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.api.VerifyResult;
import dev.protostar.core.state.Json;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One JSON line per event of a command, for promtail and Loki: phases as they start and end, what
 * the engine notes and warns, and the outcome. Each line is appended on its own (O_APPEND), so
 * several commands can share one file. Build and container output is left out: it may hold secrets.
 */
public final class EventLog implements EventListener {
    private final Consumer<String> out;
    private final String app;
    private final String action;
    private final Consumer<String> warn;
    private volatile boolean failed;

    private EventLog(Consumer<String> out, String app, String action, Consumer<String> warn) {
        this.out = out;
        this.app = app;
        this.action = action;
        this.warn = warn;
    }

    /**
     * Appends to {@code file} (creating it and its directory), or prints to {@code stdout} for
     * {@link dev.protostar.core.spec.AppSpec.Metrics#STDOUT}; the first line that cannot be written is reported to {@code warn}.
     */
    public static EventLog to(Path file, PrintStream stdout, String app, String action, Consumer<String> warn) {
        if (file.equals(dev.protostar.core.spec.AppSpec.Metrics.STDOUT)) {
            return new EventLog(line -> {
                synchronized (stdout) {
                    stdout.println(line);
                    stdout.flush();
                }
            }, app, action, warn);
        }
        return new EventLog(line -> append(file, line), app, action, warn);
    }

    /** Lines for {@code out} (a test's list). */
    static EventLog into(Consumer<String> out, String app, String action) {
        return new EventLog(out, app, action, w -> {});
    }

    @Override
    public void onEvent(Event e) {
        if (e.kind() == Event.Kind.OUTPUT) {
            return;
        }
        ObjectNode line = line(switch (e.kind()) {
            case STARTED -> "phase_started";
            case FINISHED -> "phase_finished";
            case FAILED -> "phase_failed";
            default -> e.kind().name().toLowerCase(Locale.ROOT);
        });
        if (e.phase() != null) {
            line.put("phase", e.phase().word());
        }
        if (e.kind() == Event.Kind.FINISHED || e.kind() == Event.Kind.FAILED) {
            line.put("seconds", e.millis() / 1000.0);
        }
        if (e.kind() != Event.Kind.STARTED && e.kind() != Event.Kind.FINISHED && e.message() != null) {
            line.put("message", e.message());
        }
        write(line);
    }

    /** The outcome of a deploy or switch. */
    public void outcome(DeployResult r) {
        ObjectNode line = line("outcome");
        line.put("outcome", r.outcome().name().toLowerCase(Locale.ROOT));
        line.put("color", r.color());
        line.put("previous_color", r.previousColor());
        line.put("image", r.imageName());
        line.put("seconds", r.millis() / 1000.0);
        if (r.failedPhase() != null) {
            line.put("failed_phase", r.failedPhase().word());
        }
        if (r.error() != null) {
            line.put("error", r.error().lines().findFirst().orElse("")); // the rest may quote container logs
        }
        write(line);
    }

    /** What a verify found. */
    public void verified(VerifyResult r) {
        ObjectNode line = line("verified");
        line.put("outcome", r.ok() ? "ok" : "drift");
        line.put("color", r.color());
        line.put("seconds", r.millis() / 1000.0);
        r.problems().forEach(line.putArray("problems")::add);
        write(line);
    }

    private ObjectNode line(String event) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("time", Instant.now().toString());
        line.put("app", app);
        line.put("action", action);
        line.put("event", event);
        return line;
    }

    private void write(ObjectNode line) {
        String text;
        try {
            text = Json.MAPPER.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // not reached: a tree of plain values
        }
        try {
            out.accept(text);
        } catch (RuntimeException e) {
            if (!failed) {
                failed = true; // set first: the warning comes back here as an event
                warn.accept("metrics: " + e.getMessage() + "; the event log misses this command's events");
            }
        }
    }

    private static void append(Path file, String line) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not append to " + file + " (" + e.getMessage() + ")", e);
        }
    }
}
