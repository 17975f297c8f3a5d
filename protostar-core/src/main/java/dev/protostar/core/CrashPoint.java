package dev.protostar.core;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Named steps of the change protocol where the crash-point tests stop the process: with the system
 * property {@code protostar.test.crashAt=<step>} the process halts there as a SIGKILL would leave it;
 * with {@code <step>:pause} it stops itself (SIGSTOP, every thread, the lock's heartbeat too) until
 * the test sends SIGCONT. Unset, reaching a step costs a field read.
 */
public final class CrashPoint {
    private static final String AT = System.getProperty("protostar.test.crashAt");

    private CrashPoint() {}

    public static void reach(String step) {
        if (AT == null || !(AT.equals(step) || AT.equals(step + ":pause"))) {
            return;
        }
        System.err.println("protostar: crash point " + AT);
        System.err.flush();
        if (AT.endsWith(":pause")) {
            try {
                new ProcessBuilder("kill", "-STOP", Long.toString(ProcessHandle.current().pid())).start().waitFor(10, TimeUnit.SECONDS);
            } catch (IOException e) {
                throw new IllegalStateException("cannot pause at " + step, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        Runtime.getRuntime().halt(137);
    }
}
