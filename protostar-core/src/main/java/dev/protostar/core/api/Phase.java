package dev.protostar.core.api;

import java.util.Locale;

/** The steps of a deploy, in order; each is reported with its duration. */
public enum Phase {
    SPEC, LOCK, DISCOVER, BUILD, BOOT, GATE, SWITCH, VERIFY, RETIRE, RECORD;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
