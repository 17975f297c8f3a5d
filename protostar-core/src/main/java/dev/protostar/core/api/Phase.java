package dev.protostar.core.api;

import java.util.Locale;

/**
 * The steps of a deploy, in order; each is reported with its duration. {@link #CONNECT} sets up the engine's client and
 * the router (for each host), so that the phase lines account for a command's whole time.
 */
public enum Phase {
    SPEC, CONNECT, LOCK, DISCOVER, BUILD, BOOT, GATE, BEFORE_SWITCH("beforeSwitch"), SWITCH, VERIFY, AFTER_SWITCH("afterSwitch"), RETIRE, RECORD;

    private final String word;

    Phase() {
        this.word = name().toLowerCase(Locale.ROOT);
    }

    /** @param word as the spec names it ({@code hooks.beforeSwitch}) */
    Phase(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    /** Whether the spec's hooks run in it: their output is shown always (a migration's), the build's only when asked. */
    public boolean runsHooks() {
        return this == BEFORE_SWITCH || this == AFTER_SWITCH;
    }
}
