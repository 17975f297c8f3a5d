package dev.protostar.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the report says about the machine it ran on. */
final class Environment {
    private Environment() {}

    /** The 1, 5 and 15 minute load averages, as uptime shows them. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The commit the engine was built from, marked when the engine's or benchmark's sources differ from it. */
    static String revision() {
        String rev = command("git", "rev-parse", "--short", "HEAD");
        String dirty = command("git", "status", "--porcelain", "--", "protostar-core/src/main", "protostar-cli/src/main", "protostar-bench/src/main");
        return rev.isEmpty() ? "unknown" : rev + (dirty.isEmpty() ? "" : " with uncommitted changes");
    }

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    static String command(String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            p.waitFor();
            return out.lines().findFirst().orElse("");
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
