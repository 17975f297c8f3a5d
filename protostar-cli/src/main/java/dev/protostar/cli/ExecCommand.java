package dev.protostar.cli;

import dev.protostar.core.api.ContainerOutput;
import dev.protostar.core.api.ExecRequest;
import dev.protostar.core.api.ExecResult;
import dev.protostar.core.engine.Engine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "exec", description = {"Run a command in the live color's container (or the one --color names), on the app's first host, "
        + "through Docker: no shell unless you write one (protostar exec -- sh -c 'echo $HOME'). Its output is shown as it comes "
        + "(no input is passed), and protostar exits with its exit code.",
        "With --json, the output is collected and printed as one document once it ends.",
        "Its exit code is the command's own; the table below holds for protostar's own errors (2: no container of that color)."})
final class ExecCommand implements Callable<Integer> {
    @Mixin
    SpecOption spec;

    @Mixin
    LookColor color;

    @Mixin
    Output output;

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "the program and its arguments, after --")
    List<String> command;

    /** The --json document. */
    record Ran(String app, String color, String container, String host, List<String> command, int exitCode, String stdout,
               String stderr, String problem) {}

    @Override
    public Integer call() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ExecResult r = Engine.exec(new ExecRequest(spec.path(), List.of(), null, color.color, command), new ContainerOutput() {
            @Override
            public synchronized void bytes(boolean stderr, byte[] data) {
                if (output.json) {
                    (stderr ? err : out).writeBytes(data);
                } else {
                    (stderr ? System.err : System.out).write(data, 0, data.length);
                    (stderr ? System.err : System.out).flush();
                }
            }
        });
        if (r.problem() != null && !output.json) {
            System.err.println("protostar: " + r.problem());
        } else if (r.exitCode() == -1 && !output.json) {
            System.err.println("protostar: stopped waiting; " + String.join(" ", command) + " may still run in " + r.container());
        }
        int code = r.exitCode() < 0 ? ExitCode.FAILED_SAFELY : r.exitCode();
        return output.json(new Ran(r.app(), r.color(), r.container(), r.host(), command, r.exitCode(), out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8), r.problem()), code);
    }
}
