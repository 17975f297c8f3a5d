package dev.protostar.core.router;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command on this host, without a shell, with a deadline; returns exit code and output.
 * It is not cut short by an interrupt (an aborted build): a half-run {@code nginx -s reload} would
 * leave nginx in an unknown state, and the deadline bounds the wait anyway. The interrupt is kept.
 * Past the deadline the command is killed with every process it started, so a hung wrapper leaves no orphans.
 */
final class HostCommand {
    record Outcome(int exitCode, String output) {}

    private HostCommand() {}

    static Outcome run(List<String> argv, Duration timeout) {
        Path out;
        try {
            out = Files.createTempFile("protostar-cmd", ".out");
        } catch (IOException e) {
            throw new RouterException("cannot create a temp file for the output of " + argv.get(0) + ": " + e.getMessage(), e);
        }
        boolean interrupted = false;
        try {
            // Output goes to a file, not a pipe: a chatty command cannot block on a full pipe.
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                try {
                    if (p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                        break;
                    }
                    int killed = ProcessTree.kill(p);
                    throw new RouterException(String.join(" ", argv) + " did not finish within " + timeout.toSeconds()
                            + " s; it was killed" + (killed > 0 ? " with the " + killed + " processes it had started" : ""));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            String text;
            try (java.io.FileInputStream in = new java.io.FileInputStream(out.toFile())) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            return new Outcome(p.exitValue(), text.length() > 4000 ? text.substring(0, 4000) + "…" : text);
        } catch (IOException e) {
            throw new RouterException("cannot run " + argv.get(0) + ": " + e.getMessage()
                    + " (is nginx installed? on Debian: apt-get install nginx)", e);
        } finally {
            try {
                Files.deleteIfExists(out);
            } catch (IOException ignored) {
                // a stray temp file loses nothing
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
