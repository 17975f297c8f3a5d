package dev.protostar.cli.faults;

import dev.protostar.core.api.DeployRequest;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Event;
import dev.protostar.core.engine.Engine;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A deploy in a JVM of its own, so a test can SIGKILL it: prints {@code STARTED <PHASE>} as each phase starts and
 * {@code RESULT <outcome>} at the end. Arguments: the spec file and the revision.
 */
public final class DeployProcess {
    private DeployProcess() {}

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        DeployResult r = Engine.deploy(new DeployRequest(args[0], null, "killable deploy", args[1], null), e -> {
            if (e.kind() == Event.Kind.STARTED) {
                out.println("STARTED " + e.phase());
            }
        });
        out.println("RESULT " + r.outcome());
        if (r.error() != null) {
            out.println("ERROR in " + r.failedPhase() + ": " + r.error()); // why it ended before its crash point, if it did
        }
    }

    /** Starts it with this JVM's class path; its output is read by the caller. */
    static Process start(String spec, String revision) throws java.io.IOException {
        return start(spec, revision, null);
    }

    /** @param crashAt the crash point it stops at (see dev.protostar.core.CrashPoint), or null */
    static Process start(String spec, String revision, String crashAt) throws java.io.IOException {
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        java.util.List<String> argv = new java.util.ArrayList<>(java.util.List.of(javaCommand, "-Xmx128m"));
        if (crashAt != null) {
            argv.add("-Dprotostar.test.crashAt=" + crashAt);
        }
        argv.addAll(java.util.List.of("-cp", System.getProperty("java.class.path"), DeployProcess.class.getName(), spec, revision));
        return new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}
