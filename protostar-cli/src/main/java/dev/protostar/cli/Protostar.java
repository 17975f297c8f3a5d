package dev.protostar.cli;

import dev.protostar.cli.demo.DemoCommand;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "protostar", mixinStandardHelpOptions = true, version = "protostar 0.1.0",
        description = "Health-gated blue/green cutovers for Docker behind nginx.",
        subcommands = {DeployCommand.class, SwitchCommand.class, VerifyCommand.class, StatusCommand.class,
                HistoryCommand.class, LockCommand.class, DemoCommand.class})
public final class Protostar implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        // Ctrl-C or SIGTERM: interrupt the command, which stops at its next safe point (removes what it
        // started, switches back if it was mid-switch, releases the lock), and wait for it.
        Thread command = Thread.currentThread();
        AtomicBoolean finished = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (finished.get()) {
                return;
            }
            System.err.println("protostar: stopping at the next safe point…");
            command.interrupt();
            long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!finished.get() && command.isAlive() && System.nanoTime() < until) {
                try {
                    command.join(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "protostar-stop"));
        int code = commandLine().execute(args);
        finished.set(true);
        System.exit(code);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Protostar());
        // "@file" arguments are not expanded: "--owner @me" stays "@me", and "@/dev/zero" is not read forever.
        cl.setExpandAtFiles(false);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // One line, never a stack trace: the engine's messages say what went wrong and what to do.
            String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
            cmd.getErr().println("protostar: " + message);
            return 2;
        });
        return cl;
    }
}
