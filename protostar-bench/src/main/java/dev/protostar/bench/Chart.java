package dev.protostar.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * Requests over time, one panel per side: answers per second by color, failed requests as red
 * dots, and a grey line at every switch decision (cutover or rollback).
 */
final class Chart {
    private static final long BIN = 250_000;
    private static final Color BLUE = new Color(0x1f77b4);
    private static final Color GREEN = new Color(0x2ca02c);
    private static final Color FAILED = new Color(0xd62728);

    private final List<Figures> sides;

    Chart(List<Figures> sides) {
        this.sides = sides;
    }

    /** Requests over time. */
    void write(Path png, Path svg) throws IOException {
        save(chart(), png, svg, 1600, 350 * sides.size() + 100);
    }

    /** All switches of each side laid over each other, aligned at the decision. */
    void writeAligned(Path png, Path svg) throws IOException {
        save(aligned(), png, svg, 1200, 500);
    }

    private static void save(JFreeChart chart, Path png, Path svg, int width, int height) throws IOException {
        ChartUtils.saveChartAsPNG(png.toFile(), chart, width, height);
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        chart.draw(g, new Rectangle(0, 0, width, height));
        Files.writeString(svg, g.getSVGDocument());
    }

    private static final long ALIGNED_BIN = 10_000;
    private static final long ALIGNED_FROM = -200_000;
    private static final long ALIGNED_TO = 600_000;

    private JFreeChart aligned() {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Figures f : sides) {
            int bins = (int) ((ALIGNED_TO - ALIGNED_FROM) / ALIGNED_BIN);
            int[] all = new int[bins];
            int[] fresh = new int[bins];
            int[] failed = new int[bins];
            for (Action a : f.actions) {
                if (!a.ok() || a.decision() == 0) {
                    continue;
                }
                for (Request r : f.requests) {
                    long t = r.startMicros() - a.decision();
                    if (t < ALIGNED_FROM || t >= ALIGNED_TO) {
                        continue;
                    }
                    int b = (int) ((t - ALIGNED_FROM) / ALIGNED_BIN);
                    all[b]++;
                    if (r.failed()) {
                        failed[b]++;
                    } else if (a.to().equals(r.color())) {
                        fresh[b]++;
                    }
                }
            }
            XYSeries share = new XYSeries(f.side + ": share answered by the new color");
            XYSeries failures = new XYSeries(f.side + ": share failed");
            for (int b = 0; b < bins; b++) {
                if (all[b] > 0) {
                    double x = (ALIGNED_FROM + b * ALIGNED_BIN) / 1000.0;
                    share.add(x, fresh[b] / (double) all[b]);
                    failures.add(x, failed[b] / (double) all[b]);
                }
            }
            data.addSeries(share);
            data.addSeries(failures);
        }
        NumberAxis time = new NumberAxis("ms since the switch decision (requests binned by when they started, 10 ms bins)");
        NumberAxis share = new NumberAxis("share of requests");
        share.setRange(0, 1.05);
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        Color[] paints = {new Color(0x1f77b4), FAILED, new Color(0xff7f0e), new Color(0x9467bd)};
        for (int i = 0; i < data.getSeriesCount(); i++) {
            lines.setSeriesPaint(i, paints[i % paints.length]);
            lines.setSeriesStroke(i, new BasicStroke(i % 2 == 0 ? 2f : 1.2f));
        }
        XYPlot p = new XYPlot(data, time, share, lines);
        p.addDomainMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f)));
        p.addDomainMarker(new ValueMarker(150, new Color(0xd62728), new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                1f, new float[] {6f, 4f}, 0f)));
        p.setBackgroundPaint(Color.WHITE);
        p.setRangeGridlinePaint(new Color(0xdddddd));
        p.setDomainGridlinePaint(new Color(0xdddddd));
        JFreeChart chart = new JFreeChart("All switches (cutovers and rollbacks) aligned at the decision; dashed: the 150 ms goal",
                new Font(Font.SANS_SERIF, Font.BOLD, 15), p, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private JFreeChart chart() {
        NumberAxis time = new NumberAxis("seconds since the side's load began");
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        plot.setGap(16);
        for (Figures f : sides) {
            plot.add(panel(f), 1);
        }
        JFreeChart chart = new JFreeChart("Requests through nginx during cutovers and rollbacks (grey lines: switch decisions)",
                new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private XYPlot panel(Figures f) {
        XYSeries blue = new XYSeries(f.side + ": answered by blue (per s)");
        XYSeries green = new XYSeries(f.side + ": answered by green (per s)");
        XYSeries failed = new XYSeries(f.side + ": failed (per 250 ms bin)");
        int bins = (int) ((f.end - f.begin) / BIN) + 1;
        int[][] counts = new int[bins][3];
        for (Request r : f.requests) {
            int b = (int) ((r.startMicros() - f.begin) / BIN);
            if (b < 0 || b >= bins) {
                continue;
            }
            counts[b][r.failed() ? 2 : "blue".equals(r.color()) ? 0 : 1]++;
        }
        double perSecond = 1_000_000.0 / BIN;
        for (int b = 0; b < bins; b++) {
            double x = b * BIN / 1e6;
            blue.add(x, counts[b][0] * perSecond);
            green.add(x, counts[b][1] * perSecond);
            if (counts[b][2] > 0) {
                failed.add(x, counts[b][2]);
            }
        }
        XYSeriesCollection answers = new XYSeriesCollection();
        answers.addSeries(blue);
        answers.addSeries(green);
        NumberAxis rate = new NumberAxis(f.side + ": requests/s");
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        lines.setDrawSeriesLineAsPath(true);
        lines.setSeriesPaint(0, BLUE);
        lines.setSeriesPaint(1, GREEN);
        lines.setSeriesStroke(0, new BasicStroke(1.2f));
        lines.setSeriesStroke(1, new BasicStroke(1.2f));
        XYPlot p = new XYPlot(answers, null, rate, lines);
        XYSeriesCollection failures = new XYSeriesCollection(failed);
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
        dots.setSeriesPaint(0, FAILED);
        dots.setSeriesShape(0, new Ellipse2D.Double(-4, -4, 8, 8));
        p.setDataset(1, failures);
        p.setRenderer(1, dots);
        NumberAxis failedAxis = new NumberAxis("failed requests");
        failedAxis.setAutoRangeIncludesZero(true);
        p.setRangeAxis(1, failedAxis);
        p.mapDatasetToRangeAxis(1, 1);
        if (failed.getItemCount() == 0) {
            failedAxis.setRange(0, 5);
        }
        for (Action a : f.actions) {
            if (a.decision() > 0) {
                ValueMarker m = new ValueMarker((a.decision() - f.begin) / 1e6, new Color(0, 0, 0, 70), new BasicStroke(0.8f));
                p.addDomainMarker(m);
            }
        }
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinesVisible(false);
        p.setRangeGridlinePaint(new Color(0xdddddd));
        return p;
    }
}
