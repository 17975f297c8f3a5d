package dev.protostar.cli;

import picocli.CommandLine.Option;

/** The {@code -f/--spec} option every command takes. */
public final class SpecOption {
    @Option(names = {"-f", "--spec"}, converter = Checked.SpecPath.class, defaultValue = "protostar.yml", description = "the app spec (default: ${DEFAULT-VALUE})")
    String file;

    /** The spec file as the engine opens it: a relative one from where the command was typed ({@link Invocation#path}). */
    String path() {
        return Invocation.current().path(file);
    }
}
