package dev.protostar.core.metrics;

import dev.protostar.core.spec.Color;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An app's facts in the Prometheus text format, the one node_exporter's textfile collector and the
 * Pushgateway both read. Prometheus' own writer does the HELP/TYPE lines and the escaping.
 */
public final class Exposition {
    /** Labels every series carries: which app, on which Docker engine. */
    public static final String APP = "app";
    public static final String DOCKER_HOST = "docker_host";

    private Exposition() {}

    public static String text(AppFacts f) {
        List<MetricSnapshot> all = new ArrayList<>();
        all.add(counter("protostar_deploys", "Deploys of the app by outcome (succeeded, failed_before_switch: the old color "
                + "kept serving, switched_back: an automatic rollback, failed)", f, f.changes().get("deploy")));
        all.add(counter("protostar_rollbacks", "Switches to a color (protostar switch --to, how a rollback is done by hand) "
                + "by outcome", f, f.changes().get("switch")));
        all.add(counter("protostar_version_rollbacks", "Rollbacks to a version kept in the history (protostar rollback, "
                + "protostarDeploy rollbackTo) by outcome", f, f.changes().get("rollback")));
        GaugeSnapshot.Builder phases = GaugeSnapshot.builder().name("protostar_phase_duration_seconds")
                .help("How long each phase of the newest deploy or switch took");
        f.phases().forEach((phase, seconds) -> phases.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                .labels(labels(f, "action", f.lastAction(), "phase", phase)).value(seconds).build()));
        all.add(phases.build());
        GaugeSnapshot.Builder color = GaugeSnapshot.builder().name("protostar_live_color")
                .help("1 for the color nginx routes the app to, 0 for the other");
        if (f.color() != null) {
            for (Color c : Color.values()) {
                color.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels(f, "color", c.word()))
                        .value(c.word().equals(f.color()) ? 1 : 0).build());
            }
        }
        all.add(color.build());
        GaugeSnapshot.Builder image = GaugeSnapshot.builder().name("protostar_live_image_info")
                .help("The image of the live color (always 1; the image is in the labels)");
        if (f.image() != null) {
            image.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .labels(labels(f, "color", f.color(), "image", f.image(), "image_id", f.imageId() == null ? "" : f.imageId()))
                    .value(1).build());
        }
        all.add(image.build());
        GaugeSnapshot.Builder last = GaugeSnapshot.builder().name("protostar_last_change_timestamp_seconds")
                .help("When traffic last moved to a new deploy or color (Unix time)");
        if (f.lastChange() != null) {
            last.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels(f))
                    .value(f.lastChange().toEpochMilli() / 1000.0).build());
        }
        all.add(last.build());
        GaugeSnapshot.Builder drift = GaugeSnapshot.builder().name("protostar_drift_problems")
                .help("Mismatches between what the last deploy left and what runs, as the last verify (or the check "
                        + "after a deploy or switch) found them; 0 when all agrees");
        if (f.drift() != null) {
            drift.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels(f)).value(f.drift()).build());
        }
        all.add(drift.build());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, MetricSnapshots.of(all.toArray(MetricSnapshot[]::new)));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not reached: an in-memory stream
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static CounterSnapshot counter(String name, String help, AppFacts f, Map<String, Long> byOutcome) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        byOutcome.forEach((outcome, n) -> b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                .labels(labels(f, "outcome", outcome)).value(n).build()));
        return b.build();
    }

    private static Labels labels(AppFacts f, String... more) {
        String[] all = new String[4 + more.length];
        all[0] = APP;
        all[1] = f.app();
        all[2] = DOCKER_HOST;
        all[3] = f.dockerHost();
        System.arraycopy(more, 0, all, 4, more.length);
        return Labels.of(all);
    }
}
