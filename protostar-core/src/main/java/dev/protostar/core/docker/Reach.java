package dev.protostar.core.docker;

/** How the proxy reaches a color's container; the router decides, the containers follow. */
public enum Reach {
    /** A port published on 127.0.0.1 (a proxy on the Docker host). */
    PUBLISHED_PORT,
    /** The container's address on the app's network, nothing published (a proxy in a container on that network). */
    APP_NETWORK
}
