package dev.protostar.core.metrics;

import dev.protostar.core.files.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The app's file in node_exporter's textfile-collector directory, {@code protostar-<app>.prom}: the
 * whole file each time, written to a temp file (a name node_exporter does not read) and renamed, so
 * a scrape never sees half of one.
 */
public final class Textfile {
    private Textfile() {}

    public static String name(String app) {
        return "protostar-" + app + ".prom";
    }

    /** On this machine: the Docker engine's host when nginx runs on it. */
    public static Path writeHere(Path dir, String app, String text) {
        Path target = dir.resolve(name(app));
        try {
            AtomicFile.write(target, text.getBytes(StandardCharsets.UTF_8), true);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + target + " (" + e.getMessage() + ")", e);
        }
        return target;
    }
}
