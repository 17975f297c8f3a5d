package dev.protostar.core.router;

import dev.protostar.core.http.HttpProbe;

/**
 * What the proxy says about one request: which app and color its route names, and which upstream
 * address actually answered (it differs from the color's when nginx fell back to the backup). Only the
 * router knows how that is told (nginx: the {@code X-Protostar-*} headers its include adds).
 *
 * @param failure why there was no answer, or null
 * @param unreachable nothing accepted the connection (nginx is down), as opposed to a slow or broken answer
 */
public record Answer(int status, String app, String color, String upstream, String failure, boolean unreachable) {
    static final String APP = "X-Protostar-App";
    static final String COLOR = "X-Protostar-Color";
    static final String UPSTREAM = "X-Protostar-Upstream";
    /** Sent by the engine's probes with the include's token: only such requests get the headers above. */
    static final String PROBE = "X-Protostar-Probe";
    /** Sent with the include's token as well, by a smoke request: nginx passes it to the previewed container only. */
    static final String PREVIEW = "X-Protostar-Preview";

    static Answer of(HttpProbe.Response r) {
        return new Answer(r.status(), r.header(APP), r.header(COLOR), r.header(UPSTREAM), null, false);
    }

    public static Answer none(String why, boolean unreachable) {
        return new Answer(0, null, null, null, why, unreachable);
    }

    /** Served by this route's container: its app, its color, and (when nginx says) its address, not a fallback. */
    public boolean from(Route route) {
        return route.app().equals(app) && route.color().word().equals(color)
                && (upstream == null || upstream.equals(route.endpoint()));
    }

    /** nginx routes to this route's container first (it may then have fallen back: see {@link #from}). */
    public boolean routedTo(Route route) {
        return route.app().equals(app) && route.color().word().equals(color)
                && (upstream == null || upstream.split(",")[0].trim().equals(route.endpoint()));
    }

    /** The color this app is served from, or null when the answer is not about this app. */
    public String colorOf(String appName) {
        return appName.equals(app) && ("blue".equals(color) || "green".equals(color)) ? color : null;
    }

    public String describe() {
        if (failure != null) {
            return failure;
        }
        if (color == null) {
            return "a " + status + " without the " + COLOR + " header";
        }
        if (upstream != null && upstream.contains(",")) {
            // nginx names the upstreams it tried in order; the last one answered, the color header is the route's.
            String answered = upstream.substring(upstream.lastIndexOf(',') + 1).trim();
            String failed = upstream.substring(0, upstream.lastIndexOf(',')).trim();
            return "a " + status + " from the fallback " + answered + ", after " + failed + " (" + (app == null ? "" : app + " ")
                    + color + ") failed";
        }
        return "a " + status + " from " + (app == null ? "" : app + " ") + color
                + (upstream == null ? "" : " (upstream " + upstream + ")");
    }
}
