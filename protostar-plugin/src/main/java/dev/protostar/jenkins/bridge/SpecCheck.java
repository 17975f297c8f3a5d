package dev.protostar.jenkins.bridge;

import dev.protostar.core.spec.SpecException;
import dev.protostar.core.spec.SpecParser;
import java.util.regex.Pattern;

/** Checks what the global configuration holds with the engine's own spec parser, so errors read the same. */
public final class SpecCheck {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    private SpecCheck() {}

    /** @return the problem as {@code name:line:col: field: problem}, or null when the spec is valid */
    public static String sharedSpec(String name, String yaml) {
        if (yaml == null || yaml.isBlank()) {
            return "the spec is empty";
        }
        try {
            // Runs on the controller: the TLS files a spec names are read on the agent, never here.
            SpecParser.check(name(name) == null ? name : "shared spec", yaml);
            return null;
        } catch (SpecException e) {
            return e.getMessage();
        }
    }

    /** @return why a shared spec name cannot be used, or null */
    public static String name(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return "a name is lower-case letters, digits and '-', starting with a letter, at most 40 characters";
        }
        return null;
    }

    /**
     * Checks the body of a default section ({@code router} or {@code health}) as it will be
     * appended to a spec, and reports lines and columns as the user typed them.
     *
     * @return the problem, or null when the section is empty or valid
     */
    public static String section(String key, String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        // Only the section's own fields are checked here: the rest of a spec it is added to may differ.
        // A user-defined network satisfies the nginx-container router's rule about the other section.
        String header = "app: defaults-check\nnetwork: defaults-check\n";
        String text = header + SpecDefaults.section(key, body);
        try {
            SpecParser.check(key + " defaults", text);
            return null;
        } catch (SpecException e) {
            int firstBodyLine = (int) header.lines().count() + 2; // after the header and the section key
            StringBuilder sb = new StringBuilder(key).append(" defaults");
            if (e.line() >= firstBodyLine) {
                int column = e.column() - 2 + SpecDefaults.indentation(body);
                sb.append(':').append(e.line() - firstBodyLine + 1).append(':').append(Math.max(1, column));
            }
            sb.append(": ");
            if (e.field() != null && !e.field().isEmpty()) {
                sb.append(e.field()).append(": ");
            }
            return sb.append(e.problem()).toString();
        }
    }
}
