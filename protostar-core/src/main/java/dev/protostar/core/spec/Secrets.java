package dev.protostar.core.spec;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Values a spec took from the deploying machine (its process environment, its env files): they reach the
 * container, and nothing else. {@link #mask} replaces each in a text that is about to be shown or kept (an
 * event, a message, a history record), also a line of it and its escaped forms. Values shorter than
 * {@link #MIN_LENGTH} are not masked: "1" or "yes" is no secret, and masking it would garble every message.
 */
public final class Secrets {
    public static final int MIN_LENGTH = 4;
    public static final String MASK = "****";
    public static final Secrets NONE = new Secrets(Set.of());

    private final List<String> longestFirst;

    private Secrets(Set<String> values) {
        Set<String> forms = new LinkedHashSet<>();
        for (String v : values) {
            if (v != null) {
                forms.addAll(forms(v));
            }
        }
        // Longest first, so a secret that contains another is masked whole.
        this.longestFirst = forms.stream().filter(v -> v.length() >= MIN_LENGTH)
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    /**
     * The ways a value can appear in text: as it is; each of its lines (output is reported line by line, so a PEM key
     * arrives a line at a time); and with its control characters escaped, as a message (Printable) or JSON shows them.
     */
    private static Set<String> forms(String v) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(v);
        if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            for (String line : v.split("\r?\n|\r")) {
                forms.add(line.strip());
            }
        }
        StringBuilder printable = new StringBuilder();
        StringBuilder json = new StringBuilder();
        for (char c : v.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                printable.append(String.format("\\u%04x", (int) c));
                json.append(switch (c) {
                    case '\n' -> "\\n";
                    case '\t' -> "\\t";
                    case '\r' -> "\\r";
                    default -> String.format("\\u%04x", (int) c);
                });
            } else {
                printable.append(c);
                json.append(c == '"' || c == '\\' ? "\\" + c : String.valueOf(c));
            }
        }
        forms.add(printable.toString());
        forms.add(json.toString());
        return forms;
    }

    public static Secrets of(Set<String> values) {
        return values.isEmpty() ? NONE : new Secrets(values);
    }

    public Secrets and(Secrets more) {
        if (more.longestFirst.isEmpty()) {
            return this;
        }
        Set<String> all = new LinkedHashSet<>(longestFirst);
        all.addAll(more.longestFirst);
        return new Secrets(all);
    }

    public boolean isEmpty() {
        return longestFirst.isEmpty();
    }

    /** The text with every secret value replaced by {@value #MASK}; null stays null. */
    public String mask(String text) {
        if (text == null || longestFirst.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : longestFirst) {
            out = out.replace(secret, MASK);
        }
        return out;
    }

    @Override
    public String toString() {
        return longestFirst.size() + " secret value(s)";
    }
}
