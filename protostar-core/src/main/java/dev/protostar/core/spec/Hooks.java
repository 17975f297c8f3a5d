package dev.protostar.core.spec;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What runs around the switch: the spec's {@code hooks} block. {@link #beforeSwitch} runs after the new color passed its
 * gate and before nginx is switched to it, each a one-off container from the new image; a failure stops the deploy with
 * nothing switched. {@link #afterSwitch} runs once the switch is verified; a failure is a warning, the switch stands.
 */
public record Hooks(List<Hook> beforeSwitch, List<Hook> afterSwitch) {
    public static final Hooks NONE = new Hooks(List.of(), List.of());

    public Hooks {
        beforeSwitch = List.copyOf(beforeSwitch);
        afterSwitch = List.copyOf(afterSwitch);
    }

    public boolean isEmpty() {
        return beforeSwitch.isEmpty() && afterSwitch.isEmpty();
    }

    /**
     * One hook.
     */
    public sealed interface Hook permits Command, Call, Smoke {
        /** Its field path in the spec, like {@code hooks.beforeSwitch[0]}: how messages and labels name it. */
        String field();

        /** The name the spec gives it, or null. */
        String name();

        Duration timeout();

        /**
         * Whether it runs on every host of a multi-host app rather than only on the first. The default is the first
         * only: the hosts share the app's database, and a migration must run once per deploy.
         */
        boolean eachHost();

        /** How a message names it: {@code hooks.beforeSwitch[0] (migrate)}. */
        default String describe() {
            return name() == null ? field() : field() + " (" + name() + ")";
        }
    }

    /** A one-off container from the new image, with the colors' env, networks and container options, running {@code command}. */
    public record Command(String field, String name, List<String> command, Duration timeout, boolean eachHost) implements Hook {
        public Command {
            command = List.copyOf(command);
        }
    }

    /**
     * A smoke request (beforeSwitch only): a GET of {@code path} through nginx that only the new color answers, by a preview
     * route the engine's requests alone reach, before it takes any traffic. It passes when the new color answers {@code status}.
     */
    public record Smoke(String field, String name, String path, int status, Duration timeout, boolean eachHost) implements Hook {}

    /**
     * An HTTP request sent from the deploying machine (afterSwitch only): a 2xx answer passes.
     *
     * @param headers each value written in the spec or taken from the deploying process's environment
     */
    public record Call(String field, String name, URI url, String method, Map<String, Header> headers, String body, Duration timeout,
                       boolean eachHost) implements Hook {
        public Call {
            headers = Map.copyOf(headers);
        }

        @Override
        public String toString() {
            // a header's value may be a secret
            return "Call[" + field + ", " + method + " " + url + ", headers=" + headers.keySet() + "]";
        }
    }

    /**
     * A header value: written in the spec ({@code value}), or taken from the deploying process's environment
     * ({@code from}, read by {@link DeployEnvironment}, which then sets {@code value} and keeps it as a secret).
     */
    public record Header(String value, Deferred.FromEnv from) {
        @Override
        public String toString() {
            return from == null ? "Header[written]" : "Header[fromEnv " + from.variable() + "]";
        }
    }

    /** Whether a header still waits for a value from the deploying machine. */
    boolean deferred() {
        return afterSwitch.stream().anyMatch(h -> h instanceof Call c && c.headers().values().stream()
                .anyMatch(v -> v.from() != null && v.value() == null));
    }
}
