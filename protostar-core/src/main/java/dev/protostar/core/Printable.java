package dev.protostar.core;

/** Text a message quotes from its input (a spec, an argument, a header), made safe to show. */
public final class Printable {
    private Printable() {}

    /**
     * Shows control characters (C0, C1, line and paragraph separators, and the bidirectional overrides that
     * can make text read differently from what it is) as escapes, so an error message cannot forge log
     * lines or hide what it quotes; at most 80 characters, never cutting a character in two.
     */
    public static String of(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        int i = 0;
        while (i < s.length() && shown < 80) {
            int c = s.codePointAt(i);
            if (hidden(c)) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
            i += Character.charCount(c);
            shown++;
        }
        return i < s.length() ? sb.append("…").toString() : sb.toString();
    }

    /** Whether {@link #of} escapes anything in {@code s}. */
    public static boolean hasHidden(String s) {
        return s.codePoints().anyMatch(Printable::hidden);
    }

    private static boolean hidden(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 || c == 0x200e || c == 0x200f
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0xfeff
                || Character.getType(c) == Character.SURROGATE;
    }
}
