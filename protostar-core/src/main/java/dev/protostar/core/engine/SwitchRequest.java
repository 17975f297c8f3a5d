package dev.protostar.core.engine;

import java.io.Serializable;

/** @param to "previous", "blue" or "green" */
public record SwitchRequest(String specFile, String to, String owner) implements Serializable {}
