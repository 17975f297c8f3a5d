package dev.protostar.core.state;

/**
 * The holder a lock was taken over from (its process died, or its lease ran out): its owner, and the id of the command
 * it ran, as its lock named it (null: a lock of a protostar before commands named themselves in it). A command that
 * switches writes no intent of its own (see {@code Switch}): this is what tells the next holder which route it left.
 */
public record TakenOver(String owner, String command) {}
