package dev.protostar.core.router;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The record a router change leaves beside the include while it is under way: which app, who changed it,
 * and the include to put back if the change is cut short (none: remove the app's include). It lives in the
 * include directory under a name nginx never includes, and goes once the reload has finished.
 */
record Pending(String app, String who, String restore) {
    private static final String HEAD = "# protostar-pending ";
    private static final Pattern FILE = Pattern.compile("\\.protostar-([a-z][a-z0-9-]{0,29})\\.pending");
    private static final Pattern FIELD = Pattern.compile("(app|who|restore)=(\\S*)");
    /** The last line: without it the record was torn, and the change it guards never got past it. */
    private static final String END = "# protostar-pending-end\n";

    static String fileName(String app) {
        return ".protostar-" + app + ".pending";
    }

    /** The app whose record a file in the include directory is, if it is one. */
    static Optional<String> appOf(String fileName) {
        Matcher m = FILE.matcher(fileName);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    String text() {
        return HEAD + "app=" + app + " who=" + who.replaceAll("[^A-Za-z0-9._:@/+-]", "_") + " restore="
                + (restore == null ? "absent" : "below") + "\n" + (restore == null ? "" : restore) + END;
    }

    /** Empty when the text is not a whole record (a torn write: the change never got past it, so nothing moved). */
    static Optional<Pending> parse(String text) {
        int eol = text.indexOf('\n');
        if (!text.startsWith(HEAD) || eol < 0 || !text.endsWith(END)) {
            return Optional.empty();
        }
        String app = null;
        String who = "?";
        String restore = null;
        Matcher m = FIELD.matcher(text.substring(HEAD.length(), eol));
        while (m.find()) {
            switch (m.group(1)) {
                case "app" -> app = m.group(2);
                case "who" -> who = m.group(2);
                default -> restore = m.group(2);
            }
        }
        if (app == null || restore == null || !("absent".equals(restore) || "below".equals(restore))) {
            return Optional.empty();
        }
        String body = text.substring(eol + 1, text.length() - END.length());
        if ("below".equals(restore) && NginxInclude.parse(body).isEmpty() && NginxInclude.preview(body).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Pending(app, who, "absent".equals(restore) ? null : body));
    }
}
