package dev.protostar.core.engine;

import java.io.Serializable;

/**
 * @param specFile path of the app's protostar.yml
 * @param image an existing image to deploy instead of building, or null to build from the spec's context
 * @param owner who deploys, e.g. a build URL or user@host; names the lock holder and the history entry
 * @param revision source revision (git commit) if known, or null
 */
public record DeployRequest(String specFile, String image, String owner, String revision) implements Serializable {}
