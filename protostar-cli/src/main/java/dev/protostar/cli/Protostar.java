package dev.protostar.cli;

import dev.protostar.cli.demo.DemoCommand;
import dev.protostar.core.docker.WarmUp;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.ScopeType;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/** The protostar command. Its help options, version and exit-code table are inherited by every subcommand. */
@Command(name = "protostar", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true, version = "protostar 0.1.0",
        description = "Health-gated blue/green cutovers for Docker behind nginx.",
        footerHeading = "%n", footer = "Run 'protostar help <command>' or 'protostar <command> --help' for a command's options.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCode.LIST_0, ExitCode.LIST_1, ExitCode.LIST_2, ExitCode.LIST_3, ExitCode.LIST_4})
public final class Protostar implements Runnable {
    /** The subcommands, in the order the help lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(DeployCommand.class, SwitchCommand.class, RollbackCommand.class,
            VerifyCommand.class, StatusCommand.class, HistoryCommand.class, LockCommand.class, LogsCommand.class, ExecCommand.class,
            DemoCommand.class, HelpCommand.class, AutoComplete.GenerateCompletion.class, ManPageGenerator.class);
    /** The ones that work on their own: help, completion and man pages walk all the others. */
    private static final int OWN = 10;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        WallTime.mainStarted();
        if (DockerLog.asked(args)) {
            DockerLog.showDockerCalls();
        }
        WarmUp.start(); // after DockerLog: docker-java's loggers take their level when its first command class loads
        boolean ascii = !ConsoleCharset.showsGlyphs();
        if (ascii) {
            System.setOut(new PrintStream(new AsciiStream(new FileOutputStream(FileDescriptor.out)), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new AsciiStream(new FileOutputStream(FileDescriptor.err)), true, StandardCharsets.UTF_8));
        }
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
        CommandLine cl = commandLine(args);
        if (ascii) { // picocli would encode its help in the console's charset first, making "?" of what we fold
            cl.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
            cl.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        }
        int code = cl.execute(args);
        finished.set(true);
        System.exit(code);
    }

    /** The --json document of a command that stopped with an error. */
    record Failure(String error, int exitCode) {}

    /** The whole command, every subcommand set up. */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command as {@code args} need it: when they start with one of the commands that work on their own, only that
     * one is set up. picocli reads each command's annotations by reflection as it sets it up, about 0.2 s for all of
     * them in a fresh VM, a tenth of a rollback.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine cl = new CommandLine(new Protostar());
        String first = args.length == 0 ? "" : args[0];
        List<Class<?>> named = SUBCOMMANDS.subList(0, OWN).stream()
                .filter(c -> first.equals(c.getAnnotation(Command.class).name())).toList();
        (named.isEmpty() ? SUBCOMMANDS : named).forEach(cl::addSubcommand);
        // "@file" arguments are not expanded: "--owner @me" stays "@me", and "@/dev/zero" is not read forever.
        cl.setExpandAtFiles(false);
        // picocli hides it by default; here it is how to get completion: source <(protostar generate-completion)
        Optional.ofNullable(cl.getSubcommands().get("generate-completion")).ifPresent(c -> c.getCommandSpec().usageMessage().hidden(false)
                .description("Print a bash/zsh completion script for protostar: source <(protostar generate-completion)"));
        Optional.ofNullable(cl.getSubcommands().get("gen-manpage")).ifPresent(c -> c.getCommandSpec().usageMessage().hidden(false)
                .description("Write protostar's man pages as AsciiDoc (asciidoctor -b manpage makes them man pages)"));
        // "protostar exec ls -l": from the command on, every word is the command's, as after "--".
        Optional.ofNullable(cl.getSubcommands().get("exec")).ifPresent(c -> c.setStopAtPositional(true));
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // One line, never a stack trace: the engine's messages say what went wrong and what to do.
            String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
            cmd.getErr().println("protostar: " + message);
            CommandLine.ParseResult leaf = parsed;
            while (leaf.hasSubcommand()) {
                leaf = leaf.subcommand();
            }
            if (leaf.hasMatchedOption("--json")) { // stdout still holds one JSON document
                System.out.println(Output.asJson(new Failure(message, ExitCode.USAGE)));
            }
            return ExitCode.USAGE;
        });
        return cl;
    }
}
