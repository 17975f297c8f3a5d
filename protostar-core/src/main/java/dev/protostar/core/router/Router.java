package dev.protostar.core.router;

import java.util.Optional;

/** Where traffic for an app goes. Implementations change it atomically or not at all. */
public interface Router {
    /** The route nginx has loaded for the app, read from the host; empty before the first deploy. */
    Optional<Route> current(String app);

    /**
     * Writes the route, validates the whole nginx config, and reloads. If validation fails the
     * previous file is put back and nothing is reloaded.
     */
    void apply(Route route);

    /** Removes the app's route (used when a first deploy fails after its switch), then validates and reloads. */
    void remove(String app);

    /** The base URL where nginx answers for the app, e.g. {@code http://127.0.0.1:8080}. */
    String url();

    /** The Host header to send through nginx, or null for the URL's own host. */
    String hostHeader();

    /** The network as nginx sees it, for health probes, switch checks and drains. */
    NetworkPath path();
}
