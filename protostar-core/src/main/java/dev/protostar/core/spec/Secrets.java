package dev.protostar.core.spec;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Values a spec took from the deploying machine (its process environment, its env files): they reach the
 * container, and nothing else. {@link #mask} replaces each in a text that is about to be shown or kept (an
 * event, a message, a history record). Values shorter than {@link #MIN_LENGTH} are not masked: "1" or "true"
 * is no secret, and masking it would garble every message.
 */
public final class Secrets {
    public static final int MIN_LENGTH = 4;
    public static final String MASK = "****";
    public static final Secrets NONE = new Secrets(Set.of());

    private final List<String> longestFirst;

    private Secrets(Set<String> values) {
        // Longest first, so a secret that contains another is masked whole.
        this.longestFirst = values.stream().filter(v -> v != null && v.length() >= MIN_LENGTH)
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .toList();
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
