package dev.protostar.core.router;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps apps on one nginx from taking each other's traffic. {@code nginx -t} only warns about two
 * server blocks on the same listen with the same (or no) server name, and which one then answers
 * depends on the order nginx reads the includes. So before an app's include changes, its
 * {@code listen} and {@code server_name} are compared with those in every other app's include on
 * the same nginx, and an overlap is refused. A listen that nginx does not serve yet is also looked
 * at on the host: a port held by another process passes {@code nginx -t}, and the reload then
 * silently keeps the old configuration.
 */
public final class ListenClaims {
    private static final Pattern LISTEN = Pattern.compile("(?m)^\\s*listen\\s+([^;\\s]+)[^;]*;");
    private static final Pattern SERVER_NAME = Pattern.compile("(?m)^\\s*server_name\\s+([^;]+);");

    private ListenClaims() {}

    /** Where a server block listens: {@code host} is "*" for every IPv4 address, "[::]" for every IPv6 one. */
    public record Address(String host, int port) {
        static Address parse(String listen) {
            int colon = listen.lastIndexOf(':');
            if (colon < 0 || (listen.startsWith("[") && listen.lastIndexOf(']') > colon)) {
                return new Address("*", Integer.parseInt(listen));
            }
            String host = listen.substring(0, colon);
            return new Address("0.0.0.0".equals(host) ? "*" : host, Integer.parseInt(listen.substring(colon + 1)));
        }

        boolean ipv6() {
            return host.startsWith("[");
        }

        /** Both can receive the same connection: nginx then picks one server block for it. */
        boolean overlaps(Address o) {
            if (port != o.port || ipv6() != o.ipv6()) {
                return false;
            }
            String any = ipv6() ? "[::]" : "*";
            return host.equals(o.host) || host.equals(any) || o.host.equals(any);
        }

        @Override
        public String toString() {
            return ("*".equals(host) ? "" : host + ":") + port;
        }
    }

    /** One server block of an app's include. */
    record Claim(String app, Address address, List<String> names) {}

    /** The server blocks an include declares (one, or none when the app has no router.listen). */
    static List<Claim> claims(String app, String include) {
        List<Claim> claims = new ArrayList<>();
        if (include == null) {
            return claims;
        }
        for (String block : include.split("(?m)^server\\s*\\{")) {
            Matcher listen = LISTEN.matcher(block);
            if (!listen.find()) {
                continue;
            }
            Matcher names = SERVER_NAME.matcher(block);
            List<String> serverNames = names.find() ? List.of(names.group(1).trim().toLowerCase(Locale.ROOT).split("\\s+")) : List.of();
            try {
                claims.add(new Claim(app, Address.parse(listen.group(1)), serverNames));
            } catch (NumberFormatException notOurs) {
                // a listen form our renderer never writes (a unix socket, say): nothing to compare
            }
        }
        return claims;
    }

    /**
     * Refuses {@code next}, the include about to be written for {@code app}, when one of its server
     * blocks would take requests meant for another app on the same nginx, or when it newly listens
     * where nginx could not.
     *
     * @param includes every app's include on this nginx, app to text (the app's own is its current one)
     * @param listenProblem why nginx could not listen on an address it does not serve yet, if it could not
     * @throws RouterException naming both apps and the field; nothing was changed
     */
    public static void check(String app, String next, Map<String, String> includes, Function<Address, Optional<String>> listenProblem) {
        List<Claim> mine = claims(app, next);
        if (mine.isEmpty()) {
            return;
        }
        List<Address> served = new ArrayList<>();
        for (Map.Entry<String, String> other : includes.entrySet()) {
            for (Claim theirs : claims(other.getKey(), other.getValue())) {
                served.add(theirs.address());
                if (!other.getKey().equals(app)) {
                    for (Claim claim : mine) {
                        collision(claim, theirs).ifPresent(why -> {
                            throw new RouterException(why);
                        });
                    }
                }
            }
        }
        for (Claim claim : mine) {
            if (!served.contains(claim.address())) {
                listenProblem.apply(claim.address()).ifPresent(why -> {
                    throw new RouterException("router.listen " + claim.address() + " of " + app + ": " + why + ". nginx -t would "
                            + "pass, but the reload would keep the old configuration. Free the port or choose another router.listen; "
                            + "nothing was changed.");
                });
            }
        }
    }

    private static Optional<String> collision(Claim mine, Claim theirs) {
        if (!mine.address().overlaps(theirs.address())) {
            return Optional.empty();
        }
        String where = "router.listen " + mine.address() + " of " + mine.app() + " overlaps router.listen " + theirs.address()
                + " of " + theirs.app() + " on the same nginx";
        String fix = " nginx -t would only warn, and which app answers would depend on the order nginx reads their includes. "
                + "Give each app its own router.serverName, or another router.listen; nothing was changed.";
        if (mine.names().isEmpty() || theirs.names().isEmpty()) {
            String unnamed = mine.names().isEmpty() && theirs.names().isEmpty() ? "neither has a router.serverName"
                    : (mine.names().isEmpty() ? mine.app() : theirs.app()) + " has no router.serverName";
            return Optional.of(where + " and " + unnamed + ", so one would take the other's requests." + fix);
        }
        for (String a : mine.names()) {
            for (String b : theirs.names()) {
                if (matches(a, b) || matches(b, a)) {
                    return Optional.of(where + ", and router.serverName " + a + " of " + mine.app() + " overlaps router.serverName "
                            + b + " of " + theirs.app() + ", so one would take the other's requests." + fix);
                }
            }
        }
        return Optional.empty();
    }

    /** Whether nginx's server name {@code pattern} (exact, "*.x", ".x" or "x.*") takes requests for {@code name}. */
    static boolean matches(String pattern, String name) {
        if (pattern.equals(name)) {
            return true;
        }
        if (pattern.startsWith("*.")) {
            return name.endsWith(pattern.substring(1));
        }
        if (pattern.startsWith(".")) {
            return name.equals(pattern.substring(1)) || name.endsWith(pattern);
        }
        if (pattern.endsWith(".*")) {
            return name.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return false;
    }

    /** The app whose include this file is, or null: protostar-{@code app}.conf. */
    static String appOf(String fileName) {
        Matcher m = INCLUDE.matcher(fileName);
        return m.matches() ? m.group(1) : null;
    }

    private static final Pattern INCLUDE = Pattern.compile("protostar-([a-z][a-z0-9-]{0,29})\\.conf");
}
