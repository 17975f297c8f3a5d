package dev.protostar.core.router;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one command on this host, without a shell, with a deadline; returns exit code and output. */
final class HostCommand {
    record Outcome(int exitCode, String output) {}

    private HostCommand() {}

    static Outcome run(List<String> argv, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new RouterException("cannot run " + argv.get(0) + ": " + e.getMessage()
                    + " (is nginx installed? on Debian: apt-get install nginx)", e);
        }
        try {
            p.getOutputStream().close();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new RouterException(String.join(" ", argv) + " did not finish within " + timeout.toSeconds() + " s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return new Outcome(p.exitValue(), out);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new RouterException("interrupted while running " + String.join(" ", argv), e);
        } catch (IOException e) {
            throw new RouterException("cannot read the output of " + String.join(" ", argv), e);
        }
    }
}
