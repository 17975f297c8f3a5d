package dev.protostar.core.router;

import dev.protostar.core.Printable;
import dev.protostar.core.spec.AppSpec;
import dev.protostar.core.spec.Color;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders an app's nginx include and reads it back. The first line records the route, so the live
 * color is always read from what nginx actually loads, never from a cache. Every value that goes in
 * has passed the spec's character checks; {@link #safe} checks again, since a route can also be
 * read back from a file someone edited.
 */
public final class NginxInclude {
    static final String MARK = "# protostar-route";
    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S+)");
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:\\[\\]/+-]+");
    // Again at the point of use (an AppSpec can also be made in code): no ';', '{', '}', '$', quotes, '#' or whitespace
    // but the single spaces between server names can reach the file.
    private static final Pattern APP = Pattern.compile("[a-z][a-z0-9-]{0,29}"); // longer: nginx's default variables hash overflows
    private static final Pattern LISTEN = Pattern.compile("((\\d{1,3}\\.){3}\\d{1,3}:|\\[[0-9a-fA-F:]{2,39}\\]:|\\*:)?\\d{1,5}");
    private static final Pattern SERVER_NAMES = Pattern.compile("[A-Za-z0-9*_.][A-Za-z0-9*._-]{0,252}( [A-Za-z0-9*_.][A-Za-z0-9*._-]{0,252}){0,15}");

    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern PROBE = Pattern.compile(" probe=([0-9a-f]{32})(\\s|$)");
    private static final Pattern PREVIEW = Pattern.compile(" preview=(\\S+)$");
    /** The first line of an include that only previews a new color: no route yet, nginx answers 503 to the public. */
    static final String PREVIEW_MARK = "# protostar-preview";
    /** Sent with every include that has a probe token, so an old worker never passes a preview request's token on. */
    static final String STRIP_PREVIEW = "        proxy_set_header X-Protostar-Preview \"\";\n";
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private NginxInclude() {}

    public static String fileName(String app) {
        return "protostar-" + app + ".conf";
    }

    /** With a '-', which {@link #upstreamName} never writes: no app's upstream has this name (app "a-preview" neither). */
    static String previewUpstream(String app) {
        return "protostar-preview-" + app;
    }

    /**
     * Whether {@code text} is {@code rendered} as written before every include stripped the preview header (a file
     * from before smoke requests, which is no hand edit).
     */
    static boolean sameBeforePreviews(String text, String rendered) {
        return text != null && rendered != null && text.equals(rendered.replace(STRIP_PREVIEW, ""));
    }

    public static String upstreamName(String app) {
        return "protostar_" + app.replace('-', '_');
    }

    public static String colorVariable(String app) {
        return "$protostar_" + app.replace('-', '_') + "_color";
    }

    /**
     * The variable that holds {@code what} for the engine's probes only ("" for every other request). Short on
     * purpose: nginx's default variables hash takes names of at most 46 characters, and an app name has up to 30.
     */
    public static String probeVariable(String app, String what) {
        return "$psprobe_" + app.replace('-', '_') + "_" + what;
    }

    /** The include as before probe tokens: its headers answer every request. Only for reading old files back. */
    public static String render(AppSpec spec, Route route) {
        return render(spec, route, null);
    }

    /**
     * @param probeToken the value of the {@link Answer#PROBE} header that earns a request the {@code X-Protostar-*}
     *     headers (which app and color, and the container's internal address); other requests get none of them.
     *     Null renders an include of before such tokens (every request gets them).
     */
    public static String render(AppSpec spec, Route route, String probeToken) {
        return render(spec, route, probeToken, null);
    }

    /**
     * @param route the live route, or null before the first switch (only with a preview: nginx then answers 503 to
     *     every request but the engine's preview requests)
     * @param preview host:port of a container that only requests carrying the {@link Answer#PREVIEW} header with the probe
     *     token reach (the new color, for smoke requests before the switch), or null
     */
    public static String render(AppSpec spec, Route route, String probeToken, String preview) {
        checked(spec.app(), APP, "app");
        if (probeToken != null) {
            checked(probeToken, TOKEN, "probe token");
        }
        if (preview != null && (probeToken == null || spec.router().listen() == null)) {
            throw new IllegalArgumentException("a preview needs a probe token and the server block of router.listen");
        }
        if (route == null && preview == null) {
            throw new IllegalArgumentException("an include without a route has a preview");
        }
        if (route != null && !spec.app().equals(route.app())) {
            throw new IllegalArgumentException("refusing to write the route of " + safe(route.app()) + " into " + fileName(spec.app()));
        }
        String listen = spec.router().listen() == null ? null : checked(spec.router().listen(), LISTEN, "router.listen");
        String serverName = spec.router().serverName() == null ? null : checked(spec.router().serverName(), SERVER_NAMES, "router.serverName");
        String up = upstreamName(spec.app());
        StringBuilder sb = new StringBuilder();
        if (route == null) {
            sb.append(PREVIEW_MARK).append(" app=").append(spec.app());
        } else {
            sb.append(MARK)
                    .append(" app=").append(safe(route.app()))
                    .append(" color=").append(route.color().word())
                    .append(" endpoint=").append(safe(route.endpoint()))
                    .append(" backup=").append(route.backup() == null ? "-" : safe(route.backup()))
                    .append(" image=").append(safe(route.image()))
                    .append(" since=").append(safe(route.since()))
                    .append(" deploy=").append(safe(route.deployId()));
        }
        if (probeToken != null) {
            sb.append(" probe=").append(probeToken);
        }
        if (preview != null) {
            sb.append(" preview=").append(safe(preview));
        }
        sb.append('\n');
        sb.append("# Written by Protostar Deploy; the next deploy or switch replaces it. Edits here show up as drift.\n");
        if (route != null) {
            sb.append("upstream ").append(up).append(" {\n");
            // max_fails=0: the live color is never marked down, so one error cannot send all traffic to the backup.
            sb.append("    server ").append(safe(route.endpoint())).append(" max_fails=0;\n");
            if (route.backup() != null) {
                sb.append("    server ").append(safe(route.backup())).append(" backup;\n");
            }
            sb.append("    keepalive 16;\n");
            sb.append("}\n");
            sb.append("map \"\" ").append(colorVariable(spec.app())).append(" { default \"").append(route.color().word()).append("\"; }\n");
        }
        if (preview != null) {
            sb.append("upstream ").append(previewUpstream(spec.app())).append(" {\n");
            sb.append("    server ").append(preview).append(" max_fails=0;\n");
            sb.append("}\n");
            // A proxy_pass with a variable picks the upstream block of that name; "" (no live route yet) answers 503.
            sb.append("map $http_x_protostar_preview ").append(probeVariable(spec.app(), "to")).append(" { \"").append(probeToken)
                    .append("\" \"").append(previewUpstream(spec.app())).append("\"; default \"").append(route == null ? "" : up)
                    .append("\"; }\n");
        }
        if (probeToken != null) {
            // Map values are evaluated when add_header reads them, after the upstream answered.
            String color = route == null ? "preview" : route.color().word();
            String[][] told = {{"app", "\"" + spec.app() + "\""}, {"color", "\"" + color + "\""}, {"up", "$upstream_addr"}};
            for (String[] t : told) {
                sb.append("map $http_x_protostar_probe ").append(probeVariable(spec.app(), t[0])).append(" { \"").append(probeToken)
                        .append("\" ").append(t[1]).append("; default \"\"; }\n");
            }
        }
        if (listen != null) {
            sb.append("server {\n");
            sb.append("    listen ").append(listen).append(";\n");
            if (serverName != null) {
                sb.append("    server_name ").append(serverName).append(";\n");
            }
            sb.append("    location / {\n");
            if (preview == null) {
                sb.append("        proxy_pass http://").append(up).append(";\n");
            } else {
                if (route == null) {
                    sb.append("        if (").append(probeVariable(spec.app(), "to")).append(" = \"\") { return 503; }\n");
                }
                sb.append("        proxy_pass http://").append(probeVariable(spec.app(), "to")).append(";\n");
            }
            sb.append("        proxy_http_version 1.1;\n");
            sb.append("        proxy_set_header Connection \"\";\n");
            sb.append("        proxy_set_header Host $host;\n");
            sb.append("        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n");
            sb.append("        proxy_next_upstream error timeout http_502;\n");
            sb.append("        proxy_next_upstream_tries 2;\n");
            if (probeToken != null) {
                // The app never sees the token; nginx sends no header whose value is empty, so only probes get these.
                sb.append("        proxy_set_header X-Protostar-Probe \"\";\n");
                sb.append(STRIP_PREVIEW);
                sb.append("        add_header X-Protostar-App ").append(probeVariable(spec.app(), "app")).append(" always;\n");
                sb.append("        add_header X-Protostar-Color ").append(probeVariable(spec.app(), "color")).append(" always;\n");
                sb.append("        add_header X-Protostar-Upstream ").append(probeVariable(spec.app(), "up")).append(" always;\n");
            } else {
                sb.append("        add_header X-Protostar-App ").append(safe(spec.app())).append(" always;\n");
                sb.append("        add_header X-Protostar-Color ").append(colorVariable(spec.app())).append(" always;\n");
                sb.append("        add_header X-Protostar-Upstream $upstream_addr always;\n");
            }
            sb.append("    }\n");
            sb.append("}\n");
        }
        return sb.toString();
    }

    /** The probe token an include was written with, if any. */
    public static Optional<String> probeToken(String content) {
        int eol = content.indexOf('\n');
        Matcher m = PROBE.matcher(eol < 0 ? content : content.substring(0, eol));
        return (content.startsWith(MARK + " ") || content.startsWith(PREVIEW_MARK + " ")) && m.find() ? Optional.of(m.group(1))
                : Optional.empty();
    }

    /** The container an include lets preview requests reach (host:port), if it has a preview. */
    public static Optional<String> preview(String content) {
        int eol = content.indexOf('\n');
        Matcher m = PREVIEW.matcher(eol < 0 ? content : content.substring(0, eol));
        return (content.startsWith(MARK + " ") || content.startsWith(PREVIEW_MARK + " ")) && m.find() ? Optional.of(m.group(1))
                : Optional.empty();
    }

    /** A new probe token: 128 random bits. */
    public static String newProbeToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
    }

    /** Reads the route back from an include's first line; empty if the file is not one of ours. */
    public static Optional<Route> parse(String content) {
        int eol = content.indexOf('\n');
        String first = eol < 0 ? content : content.substring(0, eol);
        if (!first.startsWith(MARK + " ")) {
            return Optional.empty();
        }
        Map<String, String> f = new LinkedHashMap<>();
        Matcher m = FIELD.matcher(first.substring(MARK.length()));
        while (m.find()) {
            f.put(m.group(1), m.group(2));
        }
        try {
            return Optional.of(new Route(f.get("app"), Color.parse(f.get("color")), f.get("endpoint"),
                    "-".equals(f.get("backup")) ? null : f.get("backup"), f.get("image"), f.get("since"), f.get("deploy")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String safe(String value) {
        if (value == null || value.length() > 300 || !SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException("refusing to write \"" + Printable.of(value) + "\" into an nginx file");
        }
        return value;
    }

    private static String checked(String value, Pattern allowed, String field) {
        if (!allowed.matcher(value).matches()) {
            throw new IllegalArgumentException(field + ": refusing to write \"" + Printable.of(value) + "\" into an nginx file");
        }
        return value;
    }

}
