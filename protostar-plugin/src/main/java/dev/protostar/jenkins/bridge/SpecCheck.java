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
            return Messages.SpecCheck_Empty();
        }
        try {
            // Runs on the controller: the TLS files a spec names are read on the agent, never here.
            SpecParser.check(name(name) == null ? name : Messages.SpecCheck_Unnamed(), yaml);
            return null;
        } catch (SpecException e) {
            return e.getMessage();
        }
    }

    /** @return why a shared spec name cannot be used, or null */
    public static String name(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Messages.SpecCheck_BadName();
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
            // As a build names it (SpecDefaults.origin): "Router defaults, line 3, column 9".
            StringBuilder sb = new StringBuilder();
            if (e.line() >= firstBodyLine) {
                int column = e.column() - 2 + SpecDefaults.indentation(body);
                sb.append(Messages.SpecDefaults_Where(SpecDefaults.title(key), e.line() - firstBodyLine + 1, Math.max(1, column)));
            } else {
                sb.append(SpecDefaults.title(key));
            }
            sb.append(": ");
            if (e.field() != null && !e.field().isEmpty()) {
                sb.append(e.field()).append(": ");
            }
            return sb.append(e.problem()).toString();
        }
    }
}
