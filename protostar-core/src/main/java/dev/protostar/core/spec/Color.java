package dev.protostar.core.spec;

import dev.protostar.core.Printable;
import java.util.Locale;

public enum Color {
    BLUE, GREEN;

    public Color other() {
        return this == BLUE ? GREEN : BLUE;
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "blue" or "green"; anything else is an error that names the accepted words. */
    public static Color parse(String s) {
        for (Color c : values()) {
            if (c.word().equals(s)) {
                return c;
            }
        }
        throw new IllegalArgumentException("color must be blue or green, got \"" + Printable.of(String.valueOf(s)) + "\"");
    }

    @Override
    public String toString() {
        return word();
    }
}
