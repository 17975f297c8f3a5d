package dev.protostar.core.docker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Bytes of one output stream, handed on a line at a time (a long line in pieces); stops after {@link #MAX_LINES}. */
final class Lines {
    static final int MAX_LINE = 4096;
    static final int MAX_LINES = 20_000;

    private final Consumer<String> to;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int count;

    Lines(Consumer<String> to) {
        this.to = to;
    }

    synchronized void add(byte[] bytes) {
        for (byte b : bytes) {
            if (b == '\n') {
                emit();
            } else if (b != '\r') {
                line.write(b);
                if (line.size() >= MAX_LINE) {
                    emit();
                }
            }
        }
    }

    synchronized void flush() {
        if (line.size() > 0) {
            emit();
        }
    }

    private void emit() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        count++;
        if (count < MAX_LINES) {
            to.accept(text);
        } else if (count == MAX_LINES) {
            to.accept("(more output follows; it is not shown)");
        }
    }
}
