package dev.protostar.cli;

import dev.protostar.cli.demo.DemoCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "protostar", mixinStandardHelpOptions = true, version = "protostar 0.1.0",
        description = "Health-gated blue/green cutovers for Docker behind nginx.",
        subcommands = {DeployCommand.class, SwitchCommand.class, VerifyCommand.class, StatusCommand.class,
                HistoryCommand.class, DemoCommand.class})
public final class Protostar implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Protostar());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("protostar: " + e.getMessage());
            return 2;
        });
        return cl;
    }
}
