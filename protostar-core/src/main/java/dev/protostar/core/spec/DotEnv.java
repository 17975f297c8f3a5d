package dev.protostar.core.spec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A dotenv file, read strictly: each line is blank, a {@code #} comment, or {@code [export ]NAME=value}, where the
 * value is bare (trimmed, a {@code " #"} starts a comment), 'single-quoted' (taken as it is) or "double-quoted"
 * ({@code \n \t \" \\ \$} escapes). Nothing is interpolated. Anything else (a line without '=', a quote left open, a
 * name given twice) is an error that names the line and never quotes the value, which may be a secret. Written here
 * rather than taken from a dotenv library because those skip lines they cannot read, and a skipped line is a
 * missing secret found only when the app misbehaves.
 */
final class DotEnv {
    static final int MAX_BYTES = 256 * 1024;
    static final int MAX_VALUE = 32 * 1024;

    private DotEnv() {}

    /** A line of the file that cannot be read; {@code line} is 1-based, 0 for the whole file. */
    static final class Problem extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;

        Problem(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    static Map<String, String> parse(byte[] bytes) throws Problem {
        if (bytes.length > MAX_BYTES) {
            throw new Problem(0, "larger than " + MAX_BYTES / 1024 + " KiB");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Problem(0, "not UTF-8 text");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int n = i + 1;
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            if (s.startsWith("export ")) {
                s = s.substring("export ".length()).stripLeading();
            }
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new Problem(n, "expected NAME=value");
            }
            String name = s.substring(0, eq);
            if (!EnvFields.NAME.matcher(name).matches()) {
                throw new Problem(n, "the name before '=' is not allowed: " + EnvFields.NAME_WORDS + " (no spaces around '=')");
            }
            String value = value(s.substring(eq + 1), n);
            if (value.length() > MAX_VALUE) {
                throw new Problem(n, name + ": the value is longer than " + MAX_VALUE + " characters");
            }
            if (value.chars().anyMatch(c -> c == 0)) {
                throw new Problem(n, name + ": the value contains a NUL character");
            }
            Integer first = firstLine.putIfAbsent(name, n);
            if (first != null) {
                throw new Problem(n, name + " is given twice (first on line " + first + ")");
            }
            out.put(name, value);
        }
        return out;
    }

    private static String value(String raw, int n) throws Problem {
        String v = raw.stripLeading();
        if (v.startsWith("'")) {
            int close = v.indexOf('\'', 1);
            if (close < 0) {
                throw new Problem(n, "a single quote is not closed on its line (values span one line)");
            }
            rest(v.substring(close + 1), n);
            return checked(v.substring(1, close), n);
        }
        if (v.startsWith("\"")) {
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == '"') {
                    rest(v.substring(i + 1), n);
                    return checked(sb.toString(), n);
                }
                if (c == '\\') {
                    if (i + 1 == v.length()) {
                        break;
                    }
                    char e = v.charAt(++i);
                    switch (e) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case '"', '\\', '$' -> sb.append(e);
                        default -> throw new Problem(n, "unknown escape \\" + (Character.isLetterOrDigit(e) ? String.valueOf(e) : "")
                                + " in a double-quoted value (known: \\n \\t \\\" \\\\ \\$)");
                    }
                } else {
                    sb.append(c);
                }
            }
            throw new Problem(n, "a double quote is not closed on its line (values span one line; write \\n for a line break)");
        }
        int comment = v.indexOf(" #");
        int tabComment = v.indexOf("\t#");
        if (tabComment >= 0 && (comment < 0 || tabComment < comment)) {
            comment = tabComment;
        }
        return checked((comment >= 0 ? v.substring(0, comment) : v).strip(), n);
    }

    /** After a closing quote: nothing, or a comment. */
    private static void rest(String after, int n) throws Problem {
        String r = after.strip();
        if (!r.isEmpty() && !r.startsWith("#")) {
            throw new Problem(n, "text after the closing quote (quote the whole value)");
        }
    }

    private static String checked(String value, int n) throws Problem {
        if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' || c == 0x7f)) {
            throw new Problem(n, "the value contains a control character");
        }
        return value;
    }
}
