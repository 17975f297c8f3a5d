package dev.protostar.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.protostar.core.state.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Draws a Grafana dashboard's panels as one SVG from Prometheus' answers to its queries: the panels'
 * places (gridPos), titles, value mappings, thresholds, overrides and legends come from the dashboard
 * JSON, every line, bar, number and mark from the answers. Colors and fonts imitate Grafana's dark theme.
 * Used by {@link DashboardPicture}; the layout is hand-written, so it is a likeness, not a screenshot.
 */
final class DashboardSvg {
    /** One query's answer: Prometheus' result of a range query, and the step it was asked with. */
    record Answer(JsonNode result, long step) {
    }

    private record Series(String name, long[] times, double[] values) {
        double last() {
            return values.length == 0 ? Double.NaN : values[values.length - 1];
        }

        /** The value that holds at time t (the newest sample at or before it), NaN before the first. */
        double at(long t) {
            double v = Double.NaN;
            for (int i = 0; i < times.length && times[i] <= t; i++) {
                v = values[i];
            }
            return v;
        }
    }

    private record Mark(String color, String title, long from, long to) {
    }

    private static final int WIDTH = 1200;
    private static final int COLUMN = WIDTH / 24;
    private static final int ROW = 30;
    private static final int TOP = 58;
    private static final int GAP = 4;
    private static final String FONT = "font-family=\"Inter, Helvetica, Arial, sans-serif\"";
    private static final String MONO = "font-family=\"DejaVu Sans Mono, Menlo, monospace\"";
    private static final Map<String, String> NAMED = Map.of("blue", "#5794F2", "green", "#73BF69", "red", "#F2495C",
            "yellow", "#FADE2A", "orange", "#FF9830", "purple", "#B877D9");
    private static final String[] PALETTE = {"#7EB26D", "#EAB839", "#6ED0E0", "#EF843C", "#E24D42", "#1F78C1", "#BA43A9",
        "#705DA0", "#508642", "#CCA300", "#447EBC", "#C15C17", "#890F02", "#0A437C", "#6D1F62", "#584477"};
    private static final Pattern LABEL = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");
    /** Grafana's unit dateTimeAsIso. */
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final JsonNode dashboard;
    private final long start;
    private final long end;
    private final Map<String, Answer> answers;
    private final List<String> events;
    private final Instant drawn;
    private final List<Mark> marks;
    private final StringBuilder svg = new StringBuilder();

    DashboardSvg(JsonNode dashboard, long start, long end, Map<String, Answer> answers, List<String> events, Instant drawn) {
        this.dashboard = dashboard;
        this.start = start;
        this.end = end;
        this.answers = answers;
        this.events = events;
        this.drawn = drawn;
        this.marks = marks();
    }

    String render() {
        int rows = 0;
        for (JsonNode p : dashboard.path("panels")) {
            rows = Math.max(rows, p.path("gridPos").path("y").asInt() + p.path("gridPos").path("h").asInt());
        }
        int height = TOP + rows * ROW + 44;
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\" ").append(FONT).append(">\n");
        rect(0, 0, WIDTH, height, "#111217", "");
        text(12, 26, 18, "#D8D9DA", "", dashboard.path("title").asText());
        text(12, 46, 12, "#9FA7B3", "", "app: All   ·   " + CLOCK.format(Instant.ofEpochSecond(start)) + " to "
                + CLOCK.format(Instant.ofEpochSecond(end)) + " UTC, " + Instant.ofEpochSecond(start).atZone(ZoneOffset.UTC).toLocalDate());
        int x = WIDTH - 12;
        List<JsonNode> shown = annotations();
        for (int i = shown.size() - 1; i >= 0; i--) {
            JsonNode a = shown.get(i);
            String name = "annotations: " + a.path("name").asText();
            int w = name.length() * 6 + 22;
            x -= w;
            rect(x, 36, 10, 10, color(a.path("iconColor").asText()), "");
            text(x + 14, 45, 11, "#9FA7B3", "", name);
        }
        for (JsonNode p : dashboard.path("panels")) {
            panel(p);
        }
        text(12, height - 16, 11, "#9FA7B3", "", "Drawn from Prometheus by DashboardPicture (protostar-cli tests) on "
                + DateTimeFormatter.ISO_LOCAL_DATE.format(drawn.atZone(ZoneOffset.UTC))
                + ": the dashboard's own queries over real deploys of two sample apps. Not a Grafana screenshot: layout and colors imitate Grafana.");
        svg.append("</svg>\n");
        return svg.toString();
    }

    private void panel(JsonNode p) {
        JsonNode g = p.path("gridPos");
        int x = g.path("x").asInt() * COLUMN + GAP;
        int y = TOP + g.path("y").asInt() * ROW + GAP;
        int w = g.path("w").asInt() * COLUMN - 2 * GAP;
        int h = g.path("h").asInt() * ROW - 2 * GAP;
        rect(x, y, w, h, "#181B1F", " stroke=\"#2C3235\" rx=\"2\"");
        text(x + 10, y + 20, 13, "#D8D9DA", " font-weight=\"500\"", p.path("title").asText());
        int bx = x + 10;
        int by = y + 32;
        int bw = w - 20;
        int bh = h - 42;
        switch (p.path("type").asText()) {
            case "state-timeline" -> stateTimeline(p, bx, by, bw, bh);
            case "timeseries" -> timeseries(p, bx, by, bw, bh);
            case "bargauge" -> bargauge(p, bx, by, bw, bh);
            case "table" -> table(p, bx, by, bw, bh);
            case "stat" -> stat(p, bx, by, bw, bh);
            case "logs" -> logs(bx, by, bw, bh);
            default -> text(bx, by + 20, 12, "#9FA7B3", "", "(panel type " + p.path("type").asText() + " is not drawn)");
        }
    }

    private void stateTimeline(JsonNode p, int x, int y, int w, int h) {
        List<Series> series = series(p);
        int label = 190;
        int plotX = x + label;
        int plotW = w - label;
        int axis = 18;
        int rowH = series.isEmpty() ? 0 : (h - axis) / series.size();
        double fill = p.path("options").path("rowHeight").asDouble(0.8);
        JsonNode mapping = p.path("fieldConfig").path("defaults").path("mappings");
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            int ry = y + i * rowH + (int) (rowH * (1 - fill) / 2);
            int rh = (int) (rowH * fill);
            text(x, ry + rh / 2 + 4, 11, "#CCCCDC", "", clip(s.name(), label / 6));
            int j = 0;
            while (j < s.times().length) {
                int k = j;
                while (k + 1 < s.times().length && s.values()[k + 1] == s.values()[j] && s.times()[k + 1] - s.times()[k] <= 2 * step(p)) {
                    k++;
                }
                long to = k + 1 < s.times().length ? s.times()[k + 1] : Math.min(end, s.times()[k] + step(p));
                double x1 = timeX(s.times()[j], plotX, plotW);
                double x2 = timeX(to, plotX, plotW);
                String value = format(s.values()[j]);
                JsonNode option = mapping.path(0).path("options").path(value);
                String color = option.isMissingNode() ? "#8E8E8E" : color(option.path("color").asText());
                String shown = option.isMissingNode() ? value : option.path("text").asText(value);
                rect(x1, ry, Math.max(1, x2 - x1 - 1), rh, color, " fill-opacity=\"0.85\"");
                if (x2 - x1 > shown.length() * 7 + 6) {
                    text((x1 + x2) / 2, ry + rh / 2 + 4, 11, "#111217", " text-anchor=\"middle\"", shown);
                }
                j = k + 1;
            }
        }
        timeAxis(plotX, y + h - axis, plotW);
        annotate(plotX, y, plotW, h - axis);
    }

    private void timeseries(JsonNode p, int x, int y, int w, int h) {
        List<Series> series = series(p);
        int legend = 250;
        int axisW = 42;
        int axisH = 18;
        int plotX = x + axisW;
        int plotW = w - legend - axisW - 10;
        int plotH = h - axisH;
        boolean stacked = "normal".equals(p.path("fieldConfig").path("defaults").path("custom").path("stacking").path("mode").asText());
        double opacity = p.path("fieldConfig").path("defaults").path("custom").path("fillOpacity").asDouble(0) / 100;
        TreeSet<Long> times = new TreeSet<>();
        series.forEach(s -> {
            for (long t : s.times()) {
                times.add(t);
            }
        });
        List<double[]> tops = new ArrayList<>();
        double[] base = new double[times.size()];
        double max = 0;
        for (Series s : series) {
            double[] top = new double[times.size()];
            int i = 0;
            for (long t : times) {
                double v = s.at(t);
                top[i] = (stacked ? base[i] : 0) + (Double.isNaN(v) ? 0 : v);
                max = Math.max(max, top[i]);
                i++;
            }
            tops.add(top);
            if (stacked) {
                base = top;
            }
        }
        double ceiling = niceCeiling(max);
        for (int t = 0; t <= 4; t++) {
            double v = ceiling * t / 4;
            double ty = plotY(v, ceiling, y, plotH);
            line(plotX, ty, plotX + plotW, ty, "#2C3235", "");
            text(plotX - 4, ty + 4, 10, "#9FA7B3", " text-anchor=\"end\"", format(v) + " s");
        }
        Long[] ts = times.toArray(Long[]::new);
        for (int s = series.size() - 1; s >= 0; s--) {
            double[] top = tops.get(s);
            double[] bottom = stacked && s > 0 ? tops.get(s - 1) : new double[ts.length];
            String color = PALETTE[s % PALETTE.length];
            StringBuilder upper = stepPath(ts, top, ceiling, plotX, y, plotW, plotH, false);
            StringBuilder lower = stepPath(ts, bottom, ceiling, plotX, y, plotW, plotH, true);
            if (ts.length > 0) {
                svg.append("<polygon points=\"").append(upper).append(lower).append("\" fill=\"").append(color)
                        .append("\" fill-opacity=\"").append(opacity).append("\"/>\n");
                svg.append("<polyline points=\"").append(upper).append("\" fill=\"none\" stroke=\"").append(color)
                        .append("\" stroke-width=\"1.5\"/>\n");
            }
        }
        timeAxis(plotX, y + plotH, plotW);
        annotate(plotX, y, plotW, plotH);
        int lx = x + w - legend;
        int line = Math.max(9, Math.min(15, (h - 14) / Math.max(1, series.size() + 1)));
        text(lx + legend - 4, y + 8, 10, "#9FA7B3", " text-anchor=\"end\"", "Last *");
        for (int s = 0; s < series.size(); s++) {
            int ly = y + 8 + (s + 1) * line;
            rect(lx, ly - 7, 12, 3, PALETTE[s % PALETTE.length], "");
            text(lx + 16, ly, Math.min(11, line - 1), "#CCCCDC", "", clip(series.get(s).name(), 30));
            text(lx + legend - 4, ly, Math.min(11, line - 1), "#CCCCDC", " text-anchor=\"end\"", seconds(series.get(s).last()));
        }
    }

    /** A stepAfter line through the values, with a vertex only where the value changes; reversed for a polygon's lower edge. */
    private StringBuilder stepPath(Long[] ts, double[] v, double ceiling, int x, int y, int w, int h, boolean reversed) {
        List<String> points = new ArrayList<>();
        for (int i = 0; i < ts.length; i++) {
            String px = num(timeX(ts[i], x, w));
            if (i == 0) {
                points.add(px + "," + num(plotY(v[0], ceiling, y, h)));
            } else if (v[i] != v[i - 1]) {
                points.add(px + "," + num(plotY(v[i - 1], ceiling, y, h)));
                points.add(px + "," + num(plotY(v[i], ceiling, y, h)));
            }
        }
        if (ts.length > 0) {
            points.add(num(timeX(ts[ts.length - 1], x, w)) + "," + num(plotY(v[ts.length - 1], ceiling, y, h)));
        }
        if (reversed) {
            java.util.Collections.reverse(points);
        }
        StringBuilder out = new StringBuilder();
        points.forEach(pt -> out.append(' ').append(pt));
        return out;
    }

    private void bargauge(JsonNode p, int x, int y, int w, int h) {
        List<Series> series = series(p);
        double max = p.path("fieldConfig").path("defaults").path("max").asDouble(0);
        for (Series s : series) {
            max = Math.max(max, s.last());
        }
        int label = 300;
        int rowH = series.isEmpty() ? 0 : Math.min(28, h / series.size());
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            int ry = y + i * rowH;
            String color = fieldColor(p, s.name(), s.last());
            text(x, ry + rowH / 2 + 4, Math.min(11, rowH - 2), "#CCCCDC", "", clip(s.name(), 50));
            int barW = w - label - 40;
            rect(x + label, ry + 1, barW, rowH - 3, "#22252B", "");
            double filled = max <= 0 || Double.isNaN(s.last()) ? 0 : barW * s.last() / max;
            String id = "g" + Math.abs((p.path("id").asText() + i).hashCode());
            svg.append("<linearGradient id=\"").append(id).append("\"><stop offset=\"0\" stop-color=\"").append(color)
                    .append("\" stop-opacity=\"0.25\"/><stop offset=\"1\" stop-color=\"").append(color).append("\"/></linearGradient>\n");
            rect(x + label, ry + 1, Math.max(0, filled), rowH - 3, "url(#" + id + ")", "");
            text(x + w, ry + rowH / 2 + 4, Math.min(12, rowH - 1), color, " text-anchor=\"end\" font-weight=\"600\"", format(s.last()));
        }
    }

    private void table(JsonNode p, int x, int y, int w, int h) {
        JsonNode organize = Json.MAPPER.createObjectNode();
        for (JsonNode t : p.path("transformations")) {
            if ("organize".equals(t.path("id").asText())) {
                organize = t.path("options");
            }
        }
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        List<String> columns = new ArrayList<>();
        for (JsonNode target : p.path("targets")) {
            for (JsonNode r : results(target)) {
                Map<String, String> labels = new LinkedHashMap<>();
                r.path("metric").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
                String key = labels.getOrDefault("app", "") + "|" + labels.getOrDefault("docker_host", "");
                Map<String, String> row = rows.computeIfAbsent(key, k -> new LinkedHashMap<>());
                labels.forEach((k, v) -> {
                    row.put(k, v);
                    if (!columns.contains(k)) {
                        columns.add(k);
                    }
                });
                String value = "Value #" + target.path("refId").asText();
                JsonNode values = r.path("values");
                String last = values.get(values.size() - 1).get(1).asText();
                row.put(value, "Value #B".equals(value) && !organize.path("renameByName").path(value).isMissingNode()
                        ? ISO.format(Instant.ofEpochMilli((long) Double.parseDouble(last)))
                        : last);
                if (!columns.contains(value)) {
                    columns.add(value);
                }
            }
        }
        JsonNode hidden = organize.path("excludeByName");
        columns.removeIf(c -> hidden.path(c).asBoolean(false));
        // short columns get their full width, the long ones share the rest
        double charW = 5.8;
        int[] widths = new int[columns.size()];
        boolean[] narrow = new boolean[columns.size()];
        int shortPx = 0;
        int longChars = 0;
        for (int c = 0; c < columns.size(); c++) {
            int longest = heading(organize, columns.get(c)).length();
            for (Map<String, String> row : rows.values()) {
                longest = Math.max(longest, row.getOrDefault(columns.get(c), "").length());
            }
            narrow[c] = longest <= 12;
            widths[c] = narrow[c] ? (int) Math.ceil((longest + 2) * charW) : Math.min(longest, 28) + 1;
            if (narrow[c]) {
                shortPx += widths[c];
            } else {
                longChars += widths[c];
            }
        }
        int cx = x;
        for (int c = 0; c < columns.size(); c++) {
            int cw = narrow[c] ? widths[c] : (w - shortPx) * widths[c] / Math.max(1, longChars);
            int chars = Math.max(2, (int) (cw / charW) - 1);
            text(cx + 2, y + 12, 10, "#6E9FFF", " font-weight=\"600\"", clip(heading(organize, columns.get(c)), chars));
            int ry = y + 12;
            for (Map<String, String> row : rows.values()) {
                ry += 22;
                text(cx + 2, ry, 10, "#CCCCDC", "", clip(row.getOrDefault(columns.get(c), ""), chars));
            }
            cx += cw;
        }
        int ry = y + 18;
        for (int r = 0; r <= rows.size(); r++) {
            line(x, ry + r * 22, x + w, ry + r * 22, "#2C3235", "");
        }
    }

    private void stat(JsonNode p, int x, int y, int w, int h) {
        List<Series> series = series(p);
        if (series.isEmpty()) {
            text(x + w / 2.0, y + h / 2.0 + 8, 22, "#CCCCDC", " text-anchor=\"middle\"",
                    p.path("fieldConfig").path("defaults").path("noValue").asText("No data"));
            return;
        }
        int bw = w / series.size();
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            int bx = x + i * bw;
            rect(bx + 2, y, bw - 4, h, fieldColor(p, s.name(), s.last()), " rx=\"2\"");
            text(bx + bw / 2.0, y + 18, 11, "#FFFFFF", " text-anchor=\"middle\"", clip(s.name(), bw / 6));
            text(bx + bw / 2.0, y + h / 2.0 + 20, 40, "#FFFFFF", " text-anchor=\"middle\" font-weight=\"500\"", format(s.last()));
        }
    }

    /** No Loki runs here: the lines the deploys wrote to the metrics.events file, the ones promtail would ship to Loki. */
    private void logs(int x, int y, int w, int h) {
        text(x + w, y - 12, 10, "#FF9830", " text-anchor=\"end\"",
                "no Loki here: the lines these deploys wrote to metrics.events, which promtail ships to it");
        int line = 14;
        int shown = Math.max(0, h / line);
        int chars = (w - 90) / 6;
        for (int i = 0; i < shown && i < events.size(); i++) {
            String raw = events.get(events.size() - 1 - i);
            String time = "";
            try {
                ObjectNode event = (ObjectNode) Json.MAPPER.readTree(raw);
                time = CLOCK.format(Instant.parse(event.path("time").asText()));
            } catch (Exception e) {
                // shown as it is
            }
            boolean bad = raw.contains("\"phase_failed\"") || raw.contains("\"failed") || raw.contains("switched_back")
                    || raw.contains("\"drift\"") || raw.contains("\"warning\"");
            rect(x, y + i * line + 2, 3, line - 3, bad ? NAMED.get("red") : NAMED.get("green"), "");
            text(x + 8, y + (i + 1) * line - 2, 10, "#9FA7B3", " " + MONO, time);
            text(x + 70, y + (i + 1) * line - 2, 10, "#CCCCDC", " " + MONO, clip(raw, chars));
        }
    }

    /** Grafana's annotations from Prometheus: a region per run of samples (no gap over the step) of each series. */
    private List<Mark> marks() {
        List<Mark> found = new ArrayList<>();
        for (JsonNode a : annotations()) {
            Answer answer = answers.get(a.path("expr").asText());
            for (JsonNode r : answer.result()) {
                JsonNode values = r.path("values");
                long from = -1;
                long previous = -1;
                for (JsonNode v : values) {
                    long t = v.get(0).asLong();
                    if (from < 0) {
                        from = t;
                    } else if (t - previous > answer.step()) {
                        found.add(new Mark(color(a.path("iconColor").asText()), legend(a.path("titleFormat").asText(), r.path("metric")), from, previous));
                        from = t;
                    }
                    previous = t;
                }
                if (from >= 0) {
                    found.add(new Mark(color(a.path("iconColor").asText()), legend(a.path("titleFormat").asText(), r.path("metric")), from, previous));
                }
            }
        }
        return found;
    }

    private List<JsonNode> annotations() {
        List<JsonNode> list = new ArrayList<>();
        dashboard.path("annotations").path("list").forEach(a -> {
            if (a.has("expr") && a.path("enable").asBoolean(true)) {
                list.add(a);
            }
        });
        return list;
    }

    private void annotate(int x, int y, int w, int h) {
        for (Mark m : marks) {
            double x1 = timeX(m.from(), x, w);
            double x2 = timeX(m.to(), x, w);
            if (x2 > x1) {
                rect(x1, y, x2 - x1, h, m.color(), " fill-opacity=\"0.07\"");
            }
            svg.append("<g><title>").append(escape(m.title() + " from " + CLOCK.format(Instant.ofEpochSecond(m.from()))))
                    .append("</title>");
            line(x1, y, x1, y + h, m.color(), " stroke-dasharray=\"4 3\" stroke-width=\"1.5\"");
            svg.append("<polygon points=\"").append(num(x1 - 4)).append(',').append(y + h + 6).append(' ').append(num(x1 + 4))
                    .append(',').append(y + h + 6).append(' ').append(num(x1)).append(',').append(y + h).append("\" fill=\"")
                    .append(m.color()).append("\"/></g>\n");
        }
    }

    private List<Series> series(JsonNode panel) {
        List<Series> list = new ArrayList<>();
        for (JsonNode target : panel.path("targets")) {
            List<Series> ofTarget = new ArrayList<>();
            for (JsonNode r : results(target)) {
                JsonNode values = r.path("values");
                long[] times = new long[values.size()];
                double[] numbers = new double[values.size()];
                for (int i = 0; i < values.size(); i++) {
                    times[i] = values.get(i).get(0).asLong();
                    numbers[i] = Double.parseDouble(values.get(i).get(1).asText());
                }
                String format = target.path("legendFormat").asText("");
                ofTarget.add(new Series(format.isEmpty() ? r.path("metric").toString() : legend(format, r.path("metric")), times, numbers));
            }
            ofTarget.sort((s1, s2) -> s1.name().compareTo(s2.name()));
            list.addAll(ofTarget);
        }
        return list;
    }

    /**
     * A target's series. An instant target (Grafana asks Prometheus for the end of the range only) keeps
     * the series present at the range's last step, which is the instant query at that time: a live
     * image replaced during the range is not in the table.
     */
    private List<JsonNode> results(JsonNode target) {
        Answer a = answers.get(target.path("expr").asText());
        List<JsonNode> list = new ArrayList<>();
        a.result().forEach(list::add);
        if (target.path("instant").asBoolean(false)) {
            long last = 0;
            for (JsonNode r : list) {
                last = Math.max(last, lastTime(r));
            }
            long at = last;
            list.removeIf(r -> lastTime(r) != at);
        }
        return list;
    }

    private static long lastTime(JsonNode r) {
        JsonNode values = r.path("values");
        return values.isEmpty() ? 0 : values.get(values.size() - 1).get(0).asLong();
    }

    private long step(JsonNode panel) {
        for (JsonNode target : panel.path("targets")) {
            Answer a = answers.get(target.path("expr").asText());
            if (a != null) {
                return a.step();
            }
        }
        return 1;
    }

    /** The color of a value: an override whose regex matches the series' name, else the thresholds. */
    private static String fieldColor(JsonNode panel, String name, double value) {
        for (JsonNode o : panel.path("fieldConfig").path("overrides")) {
            if ("byRegexp".equals(o.path("matcher").path("id").asText()) && name.matches(o.path("matcher").path("options").asText())) {
                for (JsonNode property : o.path("properties")) {
                    if ("color".equals(property.path("id").asText())) {
                        return color(property.path("value").path("fixedColor").asText());
                    }
                }
            }
        }
        String color = "#73BF69";
        for (JsonNode step : panel.path("fieldConfig").path("defaults").path("thresholds").path("steps")) {
            if (step.path("value").isNull() || value >= step.path("value").asDouble()) {
                color = color(step.path("color").asText());
            }
        }
        return color;
    }

    private static String legend(String format, JsonNode metric) {
        Matcher m = LABEL.matcher(format);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(metric.path(m.group(1)).asText()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String heading(JsonNode organize, String column) {
        return organize.path("renameByName").path(column).asText(column);
    }

    private void timeAxis(int x, int y, int w) {
        line(x, y, x + w, y, "#2C3235", "");
        long span = Math.max(1, end - start);
        long tick = Math.max(10, (span / Math.max(1, w / 110) + 9) / 10 * 10);
        for (long t = (start / tick + 1) * tick; t < end; t += tick) {
            double tx = timeX(t, x, w);
            line(tx, y, tx, y + 3, "#9FA7B3", "");
            text(tx, y + 14, 10, "#9FA7B3", " text-anchor=\"middle\"", CLOCK.format(Instant.ofEpochSecond(t)));
        }
    }

    private double timeX(long t, int x, int w) {
        return x + w * (double) (Math.min(Math.max(t, start), end) - start) / Math.max(1, end - start);
    }

    private static double plotY(double v, double ceiling, int y, int h) {
        return y + h - h * v / ceiling;
    }

    private static double niceCeiling(double max) {
        if (max <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
        for (double f : new double[] {1, 2, 2.5, 5, 10}) {
            if (f * magnitude >= max) {
                return f * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String color(String name) {
        return NAMED.getOrDefault(name, name.isEmpty() ? "#8E8E8E" : name);
    }

    private static String format(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String seconds(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f s", v);
    }

    private static String clip(String s, int chars) {
        return s.length() <= chars ? s : s.substring(0, Math.max(1, chars - 1)) + "…";
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private void rect(double x, double y, double w, double h, String fill, String extra) {
        svg.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"").append(num(w))
                .append("\" height=\"").append(num(h)).append("\" fill=\"").append(fill).append('"').append(extra).append("/>\n");
    }

    private void line(double x1, double y1, double x2, double y2, String stroke, String extra) {
        svg.append("<line x1=\"").append(num(x1)).append("\" y1=\"").append(num(y1)).append("\" x2=\"").append(num(x2))
                .append("\" y2=\"").append(num(y2)).append("\" stroke=\"").append(stroke).append('"').append(extra).append("/>\n");
    }

    private void text(double x, double y, int size, String fill, String extra, String content) {
        svg.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" font-size=\"").append(size)
                .append("\" fill=\"").append(fill).append('"').append(extra).append('>').append(escape(content)).append("</text>\n");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
