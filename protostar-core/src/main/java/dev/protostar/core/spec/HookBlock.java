package dev.protostar.core.spec;

import dev.protostar.core.Printable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the spec's {@code hooks} block into {@link Hooks}, every value checked where it is written. */
final class HookBlock {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    /** A word of a command: it goes to Docker as one JSON string, never through a shell; one line of text. */
    private static final Pattern WORD = Pattern.compile("[^\\x00-\\x1f\\x7f]{0,4096}");
    private static final Pattern ON = Pattern.compile("first|each");
    private static final Pattern METHOD = Pattern.compile("GET|POST|PUT|PATCH|DELETE|HEAD");
    private static final Pattern URL = Pattern.compile("https?://(\\[[0-9a-fA-F:]{2,39}\\]|[A-Za-z0-9.-]{1,253})(:\\d{1,5})?"
            + "(/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]{0,2000})?");
    /** RFC 9110's token, the characters a header name may have. */
    private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}");
    /** The headers the JDK's HTTP client sets itself and refuses to take. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
    private static final Pattern HEADER_VALUE = Pattern.compile("[^\\x00-\\x1f\\x7f]{0,4096}");
    private static final Pattern BODY = Pattern.compile("[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]{0,65536}");
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SMOKE_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_HOOKS = 20;
    private static final int MAX_WORDS = 200;

    private HookBlock() {}

    /** @param serverBlock whether protostar writes the app's server block (router.listen): smoke requests need it */
    static Hooks read(SpecNode n, boolean serverBlock) {
        if (n == null) {
            return Hooks.NONE;
        }
        List<Hooks.Hook> before = list(n, "beforeSwitch", false);
        for (int i = 0; i < before.size(); i++) {
            if (before.get(i) instanceof Hooks.Smoke && !serverBlock) {
                SpecNode item = n.children("beforeSwitch").get(i);
                throw item.invalid("path", "a smoke request reaches the new color through the server block protostar writes for "
                        + "router.listen, which is unset (your own server block cannot route a preview)");
            }
        }
        List<Hooks.Hook> after = list(n, "afterSwitch", true);
        n.rejectUnknown();
        return new Hooks(before, after);
    }

    private static List<Hooks.Hook> list(SpecNode n, String key, boolean calls) {
        List<SpecNode> items = n.children(key);
        if (items.size() > MAX_HOOKS) {
            throw n.invalid(key, "at most " + MAX_HOOKS + " hooks");
        }
        List<Hooks.Hook> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (SpecNode item : items) {
            Hooks.Hook hook = hook(item, key, calls);
            if (hook.name() != null && !names.add(hook.name())) {
                throw item.invalid("name", "\"" + hook.name() + "\" names another hook of " + key + " already");
            }
            out.add(hook);
        }
        return List.copyOf(out);
    }

    private static Hooks.Hook hook(SpecNode item, String key, boolean calls) {
        boolean command = item.listed("command");
        boolean url = item.listed("url");
        boolean path = item.listed("path");
        if (path && (command || url)) {
            throw item.keyError("path", "a hook is a command, a url or a path (a smoke request), only one of them");
        }
        if (path && calls) {
            throw item.keyError("path", "a smoke request (path) runs before the switch: it belongs in beforeSwitch");
        }
        if (path) {
            Hooks.Hook smoke = smoke(item);
            item.rejectUnknown();
            return smoke;
        }
        if (command && url) {
            throw item.keyError("url", "a hook is a command or a url, not both");
        }
        if (url && !calls) {
            throw item.keyError("url", "beforeSwitch hooks are commands run from the new image (an HTTP call belongs in afterSwitch)");
        }
        if (!command && !url) {
            item.known("name", "timeout", "on", "method", "headers", "body", "status");
            item.rejectUnknown(); // a misspelt command or url is named as such
            throw new SpecException(item.source(), item.path(), item.line(), item.column(), calls
                    ? "needs a command (a list like [node, warm-cache.js]) or a url"
                    : "needs a command, a list like [npx, prisma, migrate, deploy], or a path for a smoke request through nginx");
        }
        String name = item.string("name", null, NAME, "letters, digits, '_', '.', '-', at most 63");
        boolean each = "each".equals(item.string("on", "first", ON, "first (the first host only, the default: a migration runs once) "
                + "or each (every host)"));
        Hooks.Hook hook = command ? command(item, name, each) : call(item, name, each);
        item.rejectUnknown();
        return hook;
    }

    private static Hooks.Command command(SpecNode item, String name, boolean each) {
        if (!item.isSequence("command")) {
            throw item.invalid("command", "expected a list of words like [npx, prisma, migrate, deploy] (it runs without a shell; "
                    + "for one, write [sh, -c, \"...\"])");
        }
        List<SpecNode.Item> words = item.items("command", false, w -> WORD.matcher(w).matches() ? null
                : "\"" + Printable.of(w) + "\" is not allowed: one line of text, at most 4096 characters");
        if (words.isEmpty() || words.get(0).value().isBlank()) {
            throw words.isEmpty() ? item.invalid("command", "is empty: name the program to run, like [npx, prisma, migrate, deploy]")
                    : words.get(0).error(item.source(), "the program to run is empty");
        }
        if (words.size() > MAX_WORDS) {
            throw item.invalid("command", "at most " + MAX_WORDS + " words");
        }
        Duration timeout = item.duration("timeout", TIMEOUT, Duration.ofSeconds(1), Duration.ofHours(6));
        return new Hooks.Command(item.path(), name, words.stream().map(SpecNode.Item::value).toList(), timeout, each);
    }

    /** A smoke request runs on every host by default: each host has its own nginx and its own new container. */
    private static Hooks.Smoke smoke(SpecNode item) {
        String name = item.string("name", null, NAME, "letters, digits, '_', '.', '-', at most 63");
        boolean each = "each".equals(item.string("on", "each", ON, "each (every host, the default: each has its own nginx and "
                + "new container) or first (the first host only)"));
        String path = item.required("path", SpecParser.URL_PATH, "a URL path starting with '/', without spaces or quotes");
        int status = item.integer("status", 200, 100, 599);
        Duration timeout = item.duration("timeout", SMOKE_TIMEOUT, Duration.ofMillis(100), Duration.ofMinutes(5));
        return new Hooks.Smoke(item.path(), name, path, status, timeout, each);
    }

    private static Hooks.Call call(SpecNode item, String name, boolean each) {
        String url = item.required("url", URL, "http(s)://host[:port]/path, without spaces or quotes");
        String hostPort = url.substring(url.indexOf("//") + 2).replaceFirst("/.*", "");
        if (!SpecParser.validHostPort(hostPort) || !SpecParser.parsesAsHost(url)) {
            throw item.invalid("url", "\"" + Printable.of(url) + "\" has no host name that can be connected to, or a port outside 1 to 65535");
        }
        String method = item.string("method", "POST", METHOD, "GET, POST, PUT, PATCH, DELETE or HEAD");
        Map<String, Hooks.Header> headers = headers(item.child("headers"));
        String body = item.string("body", null, BODY, "text of at most 64 KiB without control characters other than tab and new line");
        if (body != null && (method.equals("GET") || method.equals("HEAD"))) {
            throw item.invalid("body", "a " + method + " request has no body: use POST or PUT");
        }
        Duration timeout = item.duration("timeout", CALL_TIMEOUT, Duration.ofMillis(100), Duration.ofMinutes(10));
        return new Hooks.Call(item.path(), name, java.net.URI.create(url), method, headers, body, timeout, each);
    }

    private static Map<String, Hooks.Header> headers(SpecNode map) {
        Map<String, Hooks.Header> out = new LinkedHashMap<>();
        if (map == null) {
            return out;
        }
        Set<String> seen = new HashSet<>();
        for (String header : map.keys()) {
            if (!HEADER.matcher(header).matches()) {
                throw map.keyError(header, "\"" + Printable.of(header) + "\" is not a header name (letters, digits and !#$%&'*+.^_`|~-)");
            }
            if (RESTRICTED.contains(header.toLowerCase(java.util.Locale.ROOT))) {
                throw map.keyError(header, "the header " + header + " is set by the HTTP client itself");
            }
            if (!seen.add(header.toLowerCase(java.util.Locale.ROOT))) {
                throw map.keyError(header, "the header " + header + " is written twice (header names ignore case)");
            }
            if (map.isMapping(header)) {
                SpecNode ref = map.child(header);
                if (!ref.listed("fromEnv")) {
                    ref.rejectUnknown();
                }
                String variable = ref.required("fromEnv", EnvFields.NAME, "the name of a variable of the deploying process's "
                        + "environment (" + EnvFields.NAME_WORDS + ")");
                ref.rejectUnknown();
                out.put(header, new Hooks.Header(null, new Deferred.FromEnv(header, variable, ref.path(), map.lineOf(header),
                        map.columnOf(header))));
            } else {
                String v = map.string(header, "", null, null);
                if (!HEADER_VALUE.matcher(v).matches()) {
                    throw map.invalid(header, "the value is not allowed: one line of at most 4096 characters"); // never echoed: a secret?
                }
                out.put(header, new Hooks.Header(v, null));
            }
        }
        map.rejectUnknown();
        return out;
    }
}
