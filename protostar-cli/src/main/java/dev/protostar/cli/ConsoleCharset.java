package dev.protostar.cli;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Whether the console shows ✓ ✗ ▸ │ →, or would print them as "?" (LANG=C, common on Jenkins agents): then the
 * command's output is folded to ASCII ({@link AsciiStream}).
 */
final class ConsoleCharset {
    static final String GLYPHS = "✓✗▸│→…";

    private ConsoleCharset() {}

    static boolean showsGlyphs() {
        return showsGlyphs(new Function<>() { // not a method reference: see Front, which asks this first
            @Override
            public String apply(String key) {
                return System.getProperty(key);
            }
        }, System.getenv());
    }

    /**
     * The charset Java encodes stdout with, when it says so (stdout.encoding from Java 19, sun.stdout.encoding on a
     * Windows console); else the locale as POSIX picks it (LC_ALL, then LC_CTYPE, then LANG); else the platform's.
     */
    static boolean showsGlyphs(Function<String, String> property, Map<String, String> env) {
        for (String key : List.of("stdout.encoding", "sun.stdout.encoding")) {
            String name = property.apply(key);
            if (name != null && !name.isBlank()) {
                return encodes(name);
            }
        }
        for (String key : List.of("LC_ALL", "LC_CTYPE", "LANG")) {
            String locale = env.get(key);
            if (locale != null && !locale.isBlank()) {
                return locale.toUpperCase(Locale.ROOT).matches(".*\\.UTF-?8(@.*)?");
            }
        }
        String platform = property.apply("native.encoding");
        return encodes(platform != null ? platform : property.apply("file.encoding"));
    }

    private static boolean encodes(String charset) {
        try {
            return charset != null && Charset.forName(charset).newEncoder().canEncode(GLYPHS);
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }
}
