package dev.protostar.core.docker;

import dev.protostar.core.spec.Color;

/**
 * A color's container as the engine sees it right now.
 *
 * @param health Docker's health status ("starting", "healthy", "unhealthy"), or null when the image has no HEALTHCHECK
 * @param hostPort the port published on 127.0.0.1 (for a stopped one: the port it was created with), or 0
 * @param endpoint where nginx reaches it: 127.0.0.1:hostPort for nginx on the host, the container's address on
 *     the app's network for nginx in a container (only while it runs); null when there is none
 * @param deployId the deploy that started it, or null for a container Protostar did not start
 */
public record ColorContainer(String name, String id, Color color, String imageId, String imageName,
                             boolean running, String state, String health, int hostPort, String endpoint, String deployId) {}
