package dev.protostar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.VerifyResult;
import dev.protostar.core.engine.Engine;
import dev.protostar.core.state.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Draws docs/grafana/dashboard.svg: the README's picture of the Grafana dashboard, which cannot be a
 * screenshot (no Grafana can be installed where this project is built). Two sample apps are deployed
 * for real (successes, a failed gate, an automatic switch-back, a switch by hand, drift found by
 * verify) with Debian's node_exporter, Pushgateway and Prometheus on 127.0.0.1; then the queries
 * read from docs/grafana/protostar-deploys.json itself run through Prometheus' query_range API, and
 * {@link DashboardSvg} draws their answers in the dashboard's layout.
 *
 * <p>Not part of the suite: surefire runs only classes named *Test, so this runs only when named:
 * <pre>
 * nice -n 19 mvn -B -q -Djenkins.offline -pl protostar-cli -am test -Dtest=DashboardPicture \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dprotostar.dashboard.picture=../docs/grafana/dashboard.svg
 * </pre>
 * Without the property it fails (it never passes without drawing). Add {@code -Dprotostar.dashboard.redraw=true}
 * to draw again from the answers the last run kept in protostar-cli/target/dashboard-answers.json.
 */
class DashboardPicture {
    private static final String PROPERTY = "protostar.dashboard.picture";
    /** Draws again from target/dashboard-answers.json, the answers of the last run, without deploying (for the layout). */
    private static final String REDRAW = "protostar.dashboard.redraw";

    @TempDir
    Path tmp;

    @Test
    void draw() throws Exception {
        String out = System.getProperty(PROPERTY);
        assertTrue(out != null && !out.isBlank(), "-D" + PROPERTY + "=<the SVG file to write> is required");
        JsonNode dashboard = Json.MAPPER.readTree(Path.of("..", "docs", "grafana", "protostar-deploys.json").toFile());
        Path saved = Path.of("target", "dashboard-answers.json");
        ObjectNode run = Boolean.getBoolean(REDRAW) ? (ObjectNode) Json.MAPPER.readTree(saved.toFile()) : deployAndQuery(dashboard);
        Json.MAPPER.writeValue(saved.toFile(), run);
        Map<String, DashboardSvg.Answer> answers = new LinkedHashMap<>();
        for (String expr : queries(dashboard)) {
            JsonNode a = run.path("answers").path(expr);
            assertFalse(a.isMissingNode(), "no answer to " + expr + " in " + saved + ": draw without -D" + REDRAW);
            answers.put(expr, new DashboardSvg.Answer(a.path("result"), a.path("step").asLong()));
        }
        List<String> lines = new ArrayList<>();
        run.path("events").forEach(l -> lines.add(l.asText()));
        String svg = new DashboardSvg(dashboard, run.path("start").asLong(), run.path("end").asLong(), answers, lines,
                Instant.parse(run.path("drawn").asText())).render();
        Path target = Path.of(out);
        Files.writeString(target, svg);
        assertTrue(svg.contains("Not a Grafana screenshot"), "the picture says what it is");
        System.out.println("wrote " + target.toAbsolutePath() + " from " + answers.size() + " queries over "
                + (run.path("end").asLong() - run.path("start").asLong()) + " s");
    }

    /** The deploys, then every query's answer over their time: what the picture is drawn from (kept in target/ for a redraw). */
    private ObjectNode deployAndQuery(JsonNode dashboard) throws Exception {
        Path events = tmp.resolve("logs/events.jsonl");
        try (MonitoringStack stack = new MonitoringStack(Files.createDirectories(tmp.resolve("monitoring")))) {
            String metrics = """
                    retire:
                      drain: 1s
                    metrics:
                      textfileDir: %s
                      pushgateway: http://127.0.0.1:%d
                      events: %s
                    """.formatted(stack.textfileDir, stack.pushPort, events);
            long start;
            long end;
            try (Fixture shop = Fixture.named("dashpic-shop-", Files.createDirectories(tmp.resolve("shop")), metrics);
                 Fixture blog = shop.sibling("dashpic-blog-", Files.createDirectories(tmp.resolve("blog")), metrics)) {
                // a release that never gets healthy fails its gate after 15 s instead of 30 s
                Files.writeString(blog.spec, Files.readString(blog.spec).replace("deadline: 30s", "deadline: 15s"));
                start = Instant.now().getEpochSecond();
                pause();
                expect(Outcome.SUCCEEDED, shop.deploy("v1"));
                expect(Outcome.SUCCEEDED, blog.deploy("v1"));
                expect(Outcome.SUCCEEDED, shop.deploy("v2"));
                expect(Outcome.FAILED_BEFORE_SWITCH, blog.deploy("v2-unhealthy"));
                expect(Outcome.SUCCEEDED, blog.deploy("v3"));
                expect(Outcome.SWITCHED_BACK, shop.deploy("v3-broken")); // healthy, but 404 through nginx
                expect(Outcome.SUCCEEDED, blog.switchTo("blue"));          // a rollback by hand
                expect(Outcome.SUCCEEDED, shop.deploy("v4"));
                blog.stopByHand("green");                                 // the standby is gone: drift
                VerifyResult verified = Engine.verify(blog.spec.toString(), EventListener.NONE);
                assertFalse(verified.ok(), "verify finds the stopped standby");
                stack.awaitQuery("protostar_drift_problems{app=\"" + blog.app + "\"} == " + verified.problems().size(), r -> r.size() == 2);
                pause();
                end = Instant.now().getEpochSecond();
            }
            ObjectNode run = Json.MAPPER.createObjectNode();
            run.put("start", start).put("end", end).put("drawn", Instant.now().toString());
            ObjectNode answers = run.putObject("answers");
            long step = Math.max(1, (end - start) / 300);
            for (String expr : queries(dashboard)) {
                long s = stepOf(dashboard, expr, step);
                ObjectNode a = answers.putObject(expr);
                a.put("step", s).set("result", stack.queryRange(resolve(dashboard, expr), start, end, s));
            }
            ArrayNode lines = run.putArray("events");
            Files.readAllLines(events).forEach(lines::add);
            return run;
        }
    }

    private static void expect(Outcome outcome, DeployResult r) throws InterruptedException {
        assertEquals(outcome, r.outcome(), r.app() + " " + r.action() + ": " + r.error());
        pause();
    }

    /** Lets Prometheus (scraping every second) see each state for a few samples. */
    private static void pause() throws InterruptedException {
        Thread.sleep(4_000);
    }

    /** Every Prometheus expression of the dashboard: panels' targets and annotations. */
    static List<String> queries(JsonNode dashboard) {
        List<String> exprs = new ArrayList<>();
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> {
            if ("prometheus".equals(p.path("datasource").path("type").asText()) && t.has("expr")) {
                exprs.add(t.path("expr").asText());
            }
        }));
        dashboard.path("annotations").path("list").forEach(a -> {
            if (a.has("expr")) {
                exprs.add(a.path("expr").asText());
            }
        });
        return exprs;
    }

    /** $app as the dashboard's "All" selection sends it. */
    static String resolve(JsonNode dashboard, String expr) {
        for (JsonNode v : dashboard.path("templating").path("list")) {
            if ("app".equals(v.path("name").asText())) {
                return expr.replace("$app", v.path("allValue").asText(".*"));
            }
        }
        return expr;
    }

    /** An annotation's own step (Grafana's minimum step for it), else the panels' step. */
    private static long stepOf(JsonNode dashboard, String expr, long step) {
        for (JsonNode a : dashboard.path("annotations").path("list")) {
            if (expr.equals(a.path("expr").asText()) && a.path("step").asText().endsWith("s")) {
                String s = a.path("step").asText();
                return Math.max(step, Long.parseLong(s.substring(0, s.length() - 1)));
            }
        }
        return step;
    }
}
