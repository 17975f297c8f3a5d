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

    void write(Path png, Path svg) throws IOException {
        JFreeChart chart = chart();
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 1600, 350 * sides.size() + 100);
        SVGGraphics2D g = new SVGGraphics2D(1600, 350 * sides.size() + 100);
        chart.draw(g, new Rectangle(0, 0, 1600, 350 * sides.size() + 100));
        Files.writeString(svg, g.getSVGDocument());
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
