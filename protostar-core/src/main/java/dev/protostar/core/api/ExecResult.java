package dev.protostar.core.api;

import java.io.Serializable;

/**
 * How a command run in a color's container ended.
 *
 * @param exitCode the command's exit code; -1 when the caller stopped waiting and it was left running
 * @param problem why the command did not run as asked (no such program in the container), or null
 */
public record ExecResult(String app, String color, String container, String host, int exitCode, String problem) implements Serializable {}
