package dev.protostar.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.Outcome;
import dev.protostar.jenkins.bridge.BadgeModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Stored XSS: every value a view shows is escaped by Jelly, and no view opts out. App names, images
 * and phases reach the badge and the job page from specs and engine results, so they are treated
 * as hostile. BadgeJenkinsTest renders the same in a running Jenkins.
 */
class ViewsEscapeTest {
    private static final Path RESOURCES = Path.of(System.getProperty("protostar.plugin.resources", "src/main/resources"));
    /** Ways to write markup unescaped: raw output, HTML tooltips, script blocks, inline handlers. */
    private static final Pattern RAW = Pattern.compile("escape-by-default='false'|escape-by-default=\"false\"|<j:out\\b|htmlTooltip|"
            + "escapeXml=\"false\"|<script|\\bon[a-z]+=\"\\$\\{|<st:out\\b|\\.rawHtml");

    @Test
    void noViewWritesRawMarkup() throws Exception {
        List<Path> views;
        try (Stream<Path> s = Files.walk(RESOURCES)) {
            views = s.filter(p -> p.toString().endsWith(".jelly")).toList();
        }
        assertTrue(views.size() >= 8, views.toString());
        for (Path v : views) {
            String text = Files.readString(v);
            assertTrue(text.contains("<?jelly escape-by-default='true'?>"), v + " does not escape by default");
            Matcher m = RAW.matcher(text);
            assertFalse(m.find(), () -> v + " writes raw markup: " + m.group());
        }
    }

    /** An expression inside an attribute that becomes a URL must not be free text, or javascript: links get through. */
    @Test
    void linksAreBuiltFromJenkinsUrlsOnly() throws Exception {
        String jobMain = Files.readString(RESOURCES.resolve("dev/protostar/jenkins/LiveColorsAction/jobMain.jelly"));
        Matcher href = Pattern.compile("(href|src)=\"([^\"]*)\"").matcher(jobMain);
        while (href.find()) {
            assertTrue(href.group(2).startsWith("${rootURL}/${row.buildUrl}") || href.group(2).equals("${row.symbol}"), href.group());
        }
    }

    @Test
    void theBadgeIconNeverCarriesSpecText() {
        String hostile = "\"><img src=x onerror=alert(1)>";
        BadgeModel m = new BadgeModel(hostile, hostile, Outcome.SUCCEEDED, hostile, hostile, hostile, hostile, 1, hostile);
        assertEquals("symbol-protostar-none plugin-protostar", m.symbol());
        assertTrue(m.tooltip().contains(hostile), "the tooltip keeps the text; Jelly escapes it where it is shown");
    }
}
